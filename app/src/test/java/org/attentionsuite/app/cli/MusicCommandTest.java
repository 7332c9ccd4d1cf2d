package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suite music ...} on bad input: one {@code error:} line and exit code 2. */
class MusicCommandTest {
    @Test
    void choralesGivenAFolderSaysWhichFileToGive(@TempDir Path dir) {
        Path out = dir.resolve("runs");
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = SuiteCli.run("music", "train", "--chorales", dir.toString(), "--steps", "1", "--out",
                    out.toString());
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, code);
        assertEquals("error: " + dir + ": is a folder; give the path of Jsb16thSeparated.json",
                err.toString(StandardCharsets.UTF_8).strip());
        assertFalse(Files.exists(out.resolve("last.ckpt")));
    }
}
