package org.attentionsuite.core.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that is interrupted in the middle of an {@link AtomicFiles#write}: it writes part of
 * {@code args[0]}, creates the marker {@code args[1]} and waits to be killed
 * ({@code AtomicFilesTest#anInterruptedProcessLeavesNoTemporaryFile}).
 */
public final class InterruptedWrite {
    private InterruptedWrite() {
    }

    public static void main(String[] args) {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write(new byte[100_000]);
            out.flush();
            Files.createFile(Path.of(args[1]));
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
