package org.attentionsuite.app.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.attentionsuite.core.UserError;
import org.junit.jupiter.api.Test;

/**
 * The READMEs' numbers come from the records: the generated parts of {@code README.md},
 * {@code experiments/README.md} and {@code models/README.md}, rendered in memory from
 * {@code models/models.json}, {@code models/verification.json} and the published comparison records,
 * equal the text on disk (run {@code ./suite readme} after changing a record).
 */
class ReadmeBlocksTest {
    /** The suite's folder: the tests run in the module folder. */
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyGeneratedPartOfTheReadmesIsWhatTheRecordsSay() throws IOException {
        Map<Path, String> rendered = ReadmeBlocks.render(HOME);
        assertEquals(3, rendered.size());
        for (Map.Entry<Path, String> e : rendered.entrySet()) {
            assertEquals(e.getValue(), Files.readString(e.getKey(), StandardCharsets.UTF_8),
                    e.getKey() + " differs from its records: run ./suite readme");
        }
    }

    @Test
    void aBlockIsReplacedBetweenItsMarkersAndTheTextAroundItIsKept() {
        Path file = Path.of("README.md");
        String text = "before\n<!-- X -->\nold 1.23\n<!-- /X -->\nafter\n";
        assertEquals("before\n<!-- X -->\nnew 4.56\n<!-- /X -->\nafter\n",
                ReadmeBlocks.replace(text, "X", "new 4.56\n", file));
        UserError none = assertThrows(UserError.class, () -> ReadmeBlocks.replace("no markers", "X", "", file));
        assertTrue(none.getMessage().startsWith("README.md: needs exactly one <!-- X --> ... <!-- /X --> block"),
                none.getMessage());
        assertThrows(UserError.class, () -> ReadmeBlocks.replace(text + text, "X", "", file), "two blocks");
    }
}
