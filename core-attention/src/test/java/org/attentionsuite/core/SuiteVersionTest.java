package org.attentionsuite.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class SuiteVersionTest {
    @Test
    void isThePomsProjectVersion() {
        String expected = System.getProperty("suite.expectedVersion");
        assertNotNull(expected, "surefire passes the pom's project.version as suite.expectedVersion");
        assertEquals(expected, SuiteVersion.get());
    }
}
