package org.attentionsuite.music.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.attentionsuite.core.fuzz.FuzzOptions;
import org.attentionsuite.core.fuzz.FuzzReport;
import org.attentionsuite.core.fuzz.Fuzzer;
import org.attentionsuite.core.fuzz.Mutation;
import org.attentionsuite.core.fuzz.Mutator;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.NoteSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short fuzzing run of {@code mvn verify}: mutants of {@link MidiSeedCorpus} must decode or be
 * rejected with one {@code MusicDataException} line ({@link MidiFuzzTarget}). The long run is
 * {@code ./suite fuzz midi --inputs N}.
 */
class MidiReaderFuzzTest {

    private static final Mutator MUTATOR = new Mutator(MidiSeedCorpus.files());
    private static final MidiFuzzTarget TARGET = new MidiFuzzTarget();

    @TempDir
    Path dir;

    /**
     * A corpus file and the seeds of the mutations applied to it in turn; jqwik shrinks a
     * failing mutant to fewer and simpler mutations.
     *
     * @param file index of the corpus file
     * @param steps one seed per mutation
     */
    record Mutant(int file, List<Long> steps) {

        List<Mutation> mutations() {
            List<Mutation> mutations = new ArrayList<>();
            byte[] bytes = MUTATOR.corpusFile(file);
            for (long step : steps) {
                Mutation m = MUTATOR.next(bytes, new Random(step));
                mutations.add(m);
                bytes = Mutator.apply(m, bytes);
            }
            return mutations;
        }

        byte[] bytes() {
            byte[] bytes = MUTATOR.corpusFile(file);
            for (Mutation m : mutations()) {
                bytes = Mutator.apply(m, bytes);
            }
            return bytes;
        }

        @Override
        public String toString() {
            return "corpus file " + file + " with " + mutations();
        }
    }

    @Provide
    Arbitrary<Mutant> mutants() {
        return Combinators.combine(Arbitraries.integers().between(0, MUTATOR.corpusSize() - 1),
                Arbitraries.longs().list().ofMinSize(1).ofMaxSize(8)).as(Mutant::new);
    }

    @Property(tries = 3000, seed = "20240611")
    void everyMutantDecodesOrIsRejectedWithOneLine(@ForAll("mutants") Mutant mutant) {
        byte[] input = mutant.bytes();
        try {
            TARGET.run(input);
        } catch (RuntimeException | Error e) {
            if (!TARGET.isRejection(e)) {
                throw new AssertionError("not a one-line MusicDataException: " + e, e);
            }
        }
    }

    @Test
    void everySingleByteFlipOfAWrittenFileDecodesOrIsRejected() {
        // the defect report's experiment: single-byte flips of a real file (20 of 384 crashed
        // with ArrayIndexOutOfBoundsException); here every byte of a javax-written file, with
        // its high bit flipped (a key or velocity above 127) and with all bits flipped
        byte[] file = MidiSeedCorpus.writtenByJavax();
        int rejected = 0;
        for (int p = 0; p < file.length; p++) {
            for (int flip : new int[] {0x80, 0xFF}) {
                byte[] input = file.clone();
                input[p] ^= (byte) flip;
                try {
                    TARGET.run(input);
                } catch (RuntimeException e) {
                    assertTrue(TARGET.isRejection(e), "byte " + p + " ^ " + flip + ": " + e);
                    rejected++;
                }
            }
        }
        assertTrue(rejected > file.length / 2, rejected + " of " + 2 * file.length + " rejected");
    }

    @Test
    void everySeedDecodes() {
        for (int i = 0; i < MUTATOR.corpusSize(); i++) {
            NoteSequence notes = MidiReader.parse(MUTATOR.corpusFile(i), "seed " + i);
            assertTrue(notes.size() >= 3, "seed " + i + ": " + notes.size() + " notes");
        }
    }

    @Test
    void aShortCampaignFindsNothing() {
        FuzzOptions options = new FuzzOptions(10_000, 7, Duration.ofSeconds(5), 8,
                dir.resolve("findings"), 1);
        long start = System.nanoTime();
        FuzzReport report = Fuzzer.run(TARGET, MUTATOR, options, line -> { });
        System.out.printf("%d inputs in %.2f s: %d accepted, %d rejected, slowest %s%n",
                report.inputs(), (System.nanoTime() - start) / 1e9, report.accepted(),
                report.rejected(), report.slowest());
        assertEquals(List.of(), report.findings());
        assertEquals(10_000, report.inputs());
        // the mutants must exercise both outcomes, or the invariant is tested on nothing
        assertTrue(report.accepted() > 300 && report.rejected() > 3000, report.toString());
    }
}
