package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionsuite.app.cli.TrainCommandsTest.Run;
import org.attentionsuite.core.testing.HostileFiles;
import org.attentionsuite.image.data.Cifar10Reader;
import org.attentionsuite.music.bundled.BundledMusic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files no reader can take whole, given where a command expects a file: 2 GiB and more (sparse
 * files, nothing is written), {@code /dev/zero}, a FIFO. Each is refused with one {@code error:}
 * line naming the file and what it is, before anything is allocated for it (each ended in an
 * {@code OutOfMemoryError} from {@code Files.readAllBytes}, or ran for half a minute, before).
 */
class BadFilesTest {
    /** Just above 2^31 bytes, and a whole number of CIFAR-10 records, so its content looks like a batch. */
    static final long CIFAR_SIZED = 700_000L * Cifar10Reader.RECORD_BYTES;

    @TempDir
    Path dir;

    private static void refused(Run r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + expected, r.err().strip());
    }

    @Test
    void aHugePrimerIsRefusedByItsSize() throws IOException {
        Path primer = HostileFiles.sparse(dir.resolve("song.mid"), 2L << 30);
        refused(TrainCommandsTest.run("music", "generate", "--model", "game-midi", "--primer", primer.toString(),
                "--out", dir.resolve("out").toString()),
                primer + ": holds 2.0 GiB, more than the 16 MiB a MIDI file may hold");
    }

    @Test
    void aConfigFileThatIsADeviceAFifoOrHugeIsRefusedByWhatItIs() throws Exception {
        String out = dir.resolve("run").toString();
        refused(TrainCommandsTest.run("image", "train", "--config", "/dev/zero", "--out", out),
                "/dev/zero: is a character device, not a regular file; give a config file");
        Path fifo = HostileFiles.fifo(dir.resolve("run.json"));
        refused(TrainCommandsTest.run("music", "train", "--config", fifo.toString(), "--out", out),
                fifo + ": is a FIFO (named pipe), not a regular file; give a config file");
        Path huge = HostileFiles.sparse(dir.resolve("huge.json"), 3L << 30);
        refused(TrainCommandsTest.run("image", "train", "--config", huge.toString(), "--out", out),
                huge + ": holds 3.0 GiB, more than the 1 MiB a config file may hold");
    }

    @Test
    void hugeChoralesAreRefusedByTheirSize() throws IOException {
        Path json = HostileFiles.sparse(dir.resolve("Jsb16thSeparated.json"), 2L << 30);
        refused(TrainCommandsTest.run("music", "train", "--chorales", json.toString(), "--steps", "1", "--out",
                dir.resolve("run").toString()), json + ": holds 2.0 GiB, more than the 64 MiB a chorales file may hold");
    }

    @Test
    void aCifarSizedFileOfTwoGibIsRefusedWithOrWithoutFormat() throws IOException {
        Path batch = HostileFiles.sparse(dir.resolve("data_batch_1.bin"), CIFAR_SIZED);
        String out = dir.resolve("run").toString();
        refused(TrainCommandsTest.run("image", "train", "--data", batch.toString(), "--out", out),
                batch + ": holds 2.0 GiB, more than the 1.0 GiB a data file (IDX, CIFAR-10 or a picture) may hold");
        refused(TrainCommandsTest.run("image", "train", "--data", batch.toString(), "--format", "cifar", "--size", "32",
                "--channels", "3", "--out", out), batch + ": holds 2.0 GiB, more than the 1.0 GiB a CIFAR-10 batch may "
                + "hold");
    }

    @Test
    void devZeroAsDataIsADeviceNotAMissingFile() {
        refused(TrainCommandsTest.run("image", "train", "--data", "/dev/zero", "--out", dir.resolve("run").toString()),
                "/dev/zero: is a character device, not a regular file; give a data file (IDX, CIFAR-10 or a picture)");
    }

    @Test
    void aTruncatedCifarBatchIsCalledThatNotAFolderWithoutImages() throws IOException {
        Path data = Files.createDirectories(dir.resolve("cifar"));
        Files.write(data.resolve("data_batch_1.bin"), new byte[Cifar10Reader.RECORD_BYTES * 2 - 100]);
        Run r = TrainCommandsTest.run("image", "train", "--data", data.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("data_batch_1.bin") && r.err().contains("6,046 bytes are not a whole number of "
                + "3,073-byte CIFAR-10 records: truncated?") && !r.err().contains("no image files found"), r.err());
    }

    @Test
    void anOversizedMidiFileInAFolderIsSkippedWithOneWarning() throws Exception {
        Path songs = dir.resolve("songs");
        BundledMusic.copyTo(songs);
        Path huge = HostileFiles.sparse(songs.resolve("huge.mid"), 2L << 30);
        Path pipe = HostileFiles.fifo(songs.resolve("pipe.mid"));
        Run r = TrainCommandsTest.run("music", "train", "--data", songs.toString(), "--steps", "2", "--d-model", "16",
                "--heads", "2", "--layers", "1", "--length", "32", "--batch", "2", "--out",
                dir.resolve("run").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: skipped " + huge + ": holds 2.0 GiB, more than the 16 MiB a MIDI file "
                + "may hold"), r.err());
        assertTrue(r.err().contains("warning: skipped " + pipe + ": is a FIFO (named pipe), not a regular file"),
                r.err());
    }
}
