package org.colloquy.testing;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory of the Maven module a test belongs to, found from where its class was loaded
 * ({@code <module>/target/test-classes}). A test reads its module's files through it, so it finds them whatever the
 * working directory: Maven's per-module test JVM, the unit run's one JVM for every module ({@code -Dcolloquy.unit}),
 * or an IDE.
 */
public final class ModuleDirectory {

    private ModuleDirectory() {
    }

    /** The module of {@code testClass}; the working directory for a class not loaded from a Maven target. */
    public static Path of(Class<?> testClass) {
        try {
            Path classes = Path.of(testClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = classes.getParent();
            if (Files.isDirectory(classes) && target != null && target.getFileName().toString().equals("target")) {
                return target.getParent();
            }
            return Path.of("").toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("No location for " + testClass, e);
        }
    }
}
