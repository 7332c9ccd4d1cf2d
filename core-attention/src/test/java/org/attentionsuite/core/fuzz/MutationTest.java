package org.attentionsuite.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each mutation against a byte-by-byte expectation, and the mutator's contract. */
class MutationTest {

    private static final byte[] INPUT = {10, 20, 30, 40, 50};

    @Test
    void eachMutationEditsExactlyWhatItSays() {
        assertArrayEquals(new byte[] {10, 20, 30 ^ 4, 40, 50},
                new Mutation.FlipBit(2, 2).apply(INPUT));
        assertArrayEquals(new byte[] {10, 20, 30 ^ 4, 40, 50},
                new Mutation.FlipBit(7, 2).apply(INPUT));              // 7 mod 5 = 2
        assertArrayEquals(new byte[] {10, 20, 30, 0x12, 0x34},
                new Mutation.SetInt(3, 4, 0x1234_5678L).apply(INPUT));    // cut at the end
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, 30, 40, 50},
                new Mutation.SetInt(0, 2, -1).apply(INPUT));
        assertArrayEquals(new byte[] {10, 1, 2, 20, 30, 40, 50},
                Mutation.Put.insert(1, new byte[] {1, 2}).apply(INPUT));
        assertArrayEquals(new byte[] {10, 20, 30, 40, 50, 9},
                Mutation.Put.insert(5, new byte[] {9}).apply(INPUT));  // at the end
        assertArrayEquals(new byte[] {10, 40, 50}, new Mutation.DeleteBytes(1, 2).apply(INPUT));
        assertArrayEquals(new byte[] {10, 20, 30}, new Mutation.DeleteBytes(3, 99).apply(INPUT));
        assertArrayEquals(new byte[] {10, 20, 7, 8}, Mutation.Put.splice(2, new byte[] {7, 8})
                .apply(INPUT));
    }

    @Test
    void mutationsNeverModifyTheirInput() {
        Mutator mutator = new Mutator(List.of(INPUT, new byte[] {'M', 'T', 'r', 'k', 0, 0, 0, 1, 5}));
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] input = mutator.corpusFile(i % 2);
            byte[] copy = input.clone();
            Mutator.apply(mutator.next(input, random), input);
            assertArrayEquals(copy, input);
        }
    }

    @Test
    void chunkLengthEditsHitTheLengthField() {
        // a chunk tag at 0: its length field is bytes 4..7; no other kind writes only there
        byte[] chunk = {'M', 'T', 'r', 'k', 0, 0, 0, 2, 1, 2};
        Mutator mutator = new Mutator(List.of(chunk));
        Random random = new Random(5);
        int lengthEdits = 0;
        for (int i = 0; i < 3000; i++) {
            Mutation m = mutator.next(chunk, random);
            if (m instanceof Mutation.SetInt s && s.width() == 4 && s.position() == 4) {
                lengthEdits++;
            }
        }
        // chunk edits are 10% of the draws, all at position 4; 2-byte/4-byte overwrites add a few
        assertTrue(lengthEdits > 200 && lengthEdits < 450, "length edits: " + lengthEdits);
    }

    @Test
    void inputsAreCappedAndReproducible() {
        Mutator mutator = new Mutator(List.of(INPUT));
        for (long seed = 0; seed < 200; seed++) {
            byte[] a = mutator.input(new Random(seed), 64);
            byte[] b = mutator.input(new Random(seed), 64);
            assertArrayEquals(a, b);
            assertTrue(a.length <= Mutator.MAX_INPUT_BYTES);
        }
        FuzzOptions options = FuzzOptions.of(10, 42, java.nio.file.Path.of("unused"));
        assertArrayEquals(INPUT, Fuzzer.input(mutator, options, 0));     // corpus first
        assertArrayEquals(Fuzzer.input(mutator, options, 7), Fuzzer.input(mutator, options, 7));
        assertEquals(1, mutator.corpusSize());
    }
}
