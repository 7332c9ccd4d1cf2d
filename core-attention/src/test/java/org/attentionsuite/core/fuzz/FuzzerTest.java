package org.attentionsuite.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign loop on toy targets whose every outcome is known in advance. */
class FuzzerTest {

    @TempDir
    Path dir;

    /**
     * Accepts inputs starting with 'A' and rejects others with a UserError, except for the
     * planted bugs: 'B' throws IllegalStateException, and 'H' sleeps when hangs are planted.
     */
    private static class Planted implements FuzzTarget {
        private final boolean hangs;

        Planted(boolean hangs) {
            this.hangs = hangs;
        }

        @Override
        public void run(byte[] input) throws Exception {
            if (input.length > 0 && input[0] == 'B') {
                throw new IllegalStateException("planted bug");
            }
            if (hangs && input.length > 0 && input[0] == 'H') {
                Thread.sleep(60_000);                   // a hang (interruptible)
            }
            if (input.length == 0 || input[0] != 'A') {
                throw new UserError("input: rejected");
            }
        }

        @Override
        public boolean isRejection(Throwable thrown) {
            return thrown instanceof UserError;
        }
    }

    private FuzzOptions options(long inputs, Duration timeout) {
        return new FuzzOptions(inputs, 1, timeout, 1, dir.resolve("findings"), 2);
    }

    @Test
    void countsAcceptedAndRejectedInputsAndFindsNothingInACleanTarget() {
        // single bit flips of "A..." : the first byte stays 'A' unless bit flips hit it
        Mutator mutator = new Mutator(List.of("AAAAAAAA".getBytes()));
        FuzzReport report = Fuzzer.run(new Planted(false) {
            @Override
            public void run(byte[] input) throws Exception {
                if (input.length == 0 || input[0] != 'A') {
                    throw new UserError("rejected");
                }
            }
        }, mutator, options(2000, Duration.ofSeconds(5)), line -> { });
        assertEquals(2000, report.inputs());
        assertEquals(2000, report.accepted() + report.rejected());
        assertTrue(report.accepted() > 1000 && report.rejected() > 20, report.toString());
        assertTrue(report.findings().isEmpty());
        assertFalse(report.stoppedEarly());
    }

    @Test
    void unexpectedExceptionsAreGroupedSavedAndCounted() throws IOException {
        // 'B' = 0x42 = 'A' with bit 0 and bit 1 toggled: SetByte and flips produce it sometimes
        Mutator mutator = new Mutator(List.of("A".getBytes(), "B".getBytes()));
        FuzzReport report = Fuzzer.run(new Planted(false), mutator, options(300, Duration.ofSeconds(5)),
                line -> { });
        assertEquals(1, report.findings().size(), report.toString());
        FuzzReport.Finding finding = report.findings().get(0);
        assertEquals(FuzzReport.Kind.EXCEPTION, finding.kind());
        assertEquals(1, finding.firstInput());                        // the corpus file "B"
        assertTrue(finding.signature().startsWith(IllegalStateException.class.getName() + " at "
                + Planted.class.getName()), finding.signature());
        assertTrue(finding.message().contains("planted bug"));
        assertEquals(2, finding.files().size());                       // filesPerFinding
        assertArrayEquals("B".getBytes(), Files.readAllBytes(finding.files().get(0)));
        assertEquals(dir.resolve("findings").resolve("exception-1.bin"), finding.files().get(0));
        assertEquals(300, report.inputs());
        assertEquals(300, report.accepted() + report.rejected() + finding.count());
    }

    @Test
    void aHangIsReportedAndTheRunGoesOn() throws IOException {
        // input 1 is the corpus file "H", which sleeps; the run must go on past it
        Mutator mutator = new Mutator(List.of("A".getBytes(), "H".getBytes(), "AA".getBytes()));
        List<String> progress = new ArrayList<>();
        FuzzReport report = Fuzzer.run(new Planted(true), mutator, options(3, Duration.ofMillis(300)),
                progress::add);
        assertEquals(3, report.inputs());
        assertEquals(2, report.accepted());
        assertEquals(1, report.findings().size());
        FuzzReport.Finding hang = report.findings().get(0);
        assertEquals(FuzzReport.Kind.TIMEOUT, hang.kind());
        assertEquals(1, hang.firstInput());
        assertArrayEquals("H".getBytes(), Files.readAllBytes(hang.files().get(0)));
        assertTrue(report.slowest().compareTo(Duration.ofMillis(300)) < 0);
    }

    @Test
    void tooManyHungWorkersStopTheRun() {
        // every input hangs, and sleeping workers ignore the interrupt
        FuzzTarget stubborn = new Planted(false) {
            @Override
            public void run(byte[] input) {
                long end = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            }
        };
        Mutator mutator = new Mutator(List.of("H".getBytes()));
        FuzzReport report = Fuzzer.run(stubborn, mutator, options(100, Duration.ofMillis(50)),
                line -> { });
        assertTrue(report.stoppedEarly());
        assertEquals(Fuzzer.MAX_HUNG_WORKERS, report.inputs());
        assertEquals(Fuzzer.MAX_HUNG_WORKERS, report.findings().get(0).count());
    }

    @Test
    void anInputThatAllocatesTooMuchIsAFindingEvenWhenRejected() throws IOException {
        // 'M' allocates 64 MiB before it is rejected, against a limit of 16 MiB; 'A' is accepted
        FuzzTarget hungry = new Planted(false) {
            @Override
            public void run(byte[] input) throws Exception {
                if (input.length > 0 && input[0] == 'M') {
                    byte[][] blocks = new byte[64][];
                    for (int i = 0; i < blocks.length; i++) {
                        blocks[i] = new byte[1 << 20];
                    }
                    throw new UserError("input: rejected after " + blocks.length + " blocks");
                }
                super.run(input);
            }

            @Override
            public long maxAllocatedBytes(byte[] input) {
                return 16L << 20;
            }
        };
        Mutator mutator = new Mutator(List.of("A".getBytes(), "M".getBytes()));
        FuzzReport report = Fuzzer.run(hungry, mutator, options(2, Duration.ofSeconds(5)), line -> { });
        assumeTrue(report.mostAllocated() >= 0, "this JVM cannot count a thread's allocations");
        assertEquals(1, report.accepted());
        assertEquals(1, report.findings().size(), report.toString());
        FuzzReport.Finding memory = report.findings().get(0);
        assertEquals(FuzzReport.Kind.MEMORY, memory.kind());
        assertEquals(1, memory.firstInput());
        assertTrue(memory.message().startsWith("allocated 67,"), memory.message());
        assertArrayEquals("M".getBytes(), Files.readAllBytes(memory.files().get(0)));
        assertTrue(report.mostAllocated() < 16L << 20, report.toString());
    }
}
