package org.colloquy.api;

import org.colloquy.testing.Architecture;
import org.junit.jupiter.api.Test;

class SourceFilesTest {

    @Test
    void noSourceFileIsOverTheLimit() {
        Architecture.assertShortFiles(Architecture.MAIN_SOURCES);
    }
}
