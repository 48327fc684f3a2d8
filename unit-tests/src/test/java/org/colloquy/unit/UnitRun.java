package org.colloquy.unit;

import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Every test class of every module (their test classes are on this module's class path), of which the unit run's
 * filter ({@code org.colloquy.testing.PlainTestsOnly}) and tag ({@code postgres} excluded) keep the plain ones.
 */
@Suite
@SuiteDisplayName("The plain tests of every module")
@SelectPackages("org.colloquy")
class UnitRun {
}
