package org.colloquy.events;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * A file of this module, found from where its test classes are ({@code target/test-classes}), not from the working
 * directory: the unit run ({@code -Dcolloquy.unit}) runs every module's tests in one JVM. (testing's
 * {@code ModuleDirectory} does this for the other modules; this module cannot use testing, which depends on it.)
 */
final class EventsModule {

    private EventsModule() {
    }

    static Path file(String relative) {
        try {
            Path testClasses = Path.of(EventsModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().getParent().resolve(relative);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
