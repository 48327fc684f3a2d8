package org.colloquy.user;

import java.util.stream.Stream;
import org.colloquy.testing.Architecture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The layer rules of {@link Architecture}, applied to this service. */
class ArchitectureTest {

    @TestFactory
    Stream<DynamicTest> rules() {
        return Architecture.ofService(ArchitectureTest.class);
    }
}
