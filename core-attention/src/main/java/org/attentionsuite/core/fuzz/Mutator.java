package org.attentionsuite.core.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.UserError;

/**
 * Draws random {@link Mutation}s of corpus files. The kinds and their weights (out of 100):
 * <ul>
 *   <li>30 flip one bit;</li>
 *   <li>15 overwrite a byte with a boundary value (0x00, 0x01, 0x7F, 0x80, 0xFF, 0xF0, 0xF7) or
 *       a random one;</li>
 *   <li>10 overwrite a 2- or 4-byte big-endian integer with a boundary value or the old value
 *       nudged by up to 16;</li>
 *   <li>10 edit the length of a chunk: a four-letter ASCII tag followed by a 4-byte big-endian
 *       length, as in MIDI and other IFF-style formats (0, one more or less, a nudge, the input's
 *       length, 0x7FFFFFFF, 0xFFFFFFFF); an input without chunks gets a bit flip;</li>
 *   <li>12 insert 1..16 random bytes, or a copy of 1..64 bytes of the input (repeated
 *       records);</li>
 *   <li>13 delete 1..16 bytes, or everything from a position on (truncation);</li>
 *   <li>10 splice: the input up to a position, then the tail of a corpus file.</li>
 * </ul>
 * An input is a corpus file with 1..{@code maxMutations} of these applied in turn, capped at
 * {@value #MAX_INPUT_BYTES} bytes.
 */
public final class Mutator {

    /** Inputs are cut to this many bytes. */
    public static final int MAX_INPUT_BYTES = 1 << 16;

    private static final int[] BOUNDARY_BYTES = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0xF0, 0xF7};
    private static final int MAX_RANDOM_INSERT = 16;
    private static final int MAX_COPY_INSERT = 64;
    private static final int MAX_DELETE = 16;
    private static final int MAX_NUDGE = 16;
    private static final int TAG_BYTES = 4;
    private static final int CHUNK_HEAD_BYTES = 8;

    private final List<byte[]> corpus;

    /**
     * @param corpus at least one non-empty file (copied)
     */
    public Mutator(List<byte[]> corpus) {
        if (corpus.isEmpty()) {
            throw new UserError("a fuzzing corpus needs at least one file");
        }
        List<byte[]> copy = new ArrayList<>(corpus.size());
        for (byte[] file : corpus) {
            if (file.length == 0) {
                throw new UserError("corpus files must not be empty");
            }
            copy.add(file.clone());
        }
        this.corpus = List.copyOf(copy);
    }

    /** @return the number of corpus files */
    public int corpusSize() {
        return corpus.size();
    }

    /**
     * @param index 0 .. {@link #corpusSize()} - 1
     * @return a copy of that corpus file
     */
    public byte[] corpusFile(int index) {
        return corpus.get(index).clone();
    }

    /**
     * Draws a whole input: a random corpus file with 1..{@code maxMutations} mutations.
     *
     * @param random the source of randomness
     * @param maxMutations at least 1
     * @return the input bytes
     */
    public byte[] input(Random random, int maxMutations) {
        if (maxMutations < 1) {
            throw new UserError("maxMutations (" + maxMutations + ") must be >= 1");
        }
        byte[] bytes = corpus.get(random.nextInt(corpus.size()));
        int count = 1 + random.nextInt(maxMutations);
        for (int i = 0; i < count; i++) {
            bytes = apply(next(bytes, random), bytes);
        }
        return bytes;
    }

    /**
     * Applies a mutation and caps the result at {@value #MAX_INPUT_BYTES} bytes.
     *
     * @param mutation the edit
     * @param input the bytes (not modified)
     * @return the edited copy
     */
    public static byte[] apply(Mutation mutation, byte[] input) {
        byte[] out = mutation.apply(input);
        return out.length > MAX_INPUT_BYTES ? Arrays.copyOf(out, MAX_INPUT_BYTES) : out;
    }

    /**
     * Draws one mutation of {@code input}.
     *
     * @param input the bytes to be edited
     * @param random the source of randomness
     * @return the mutation
     */
    public Mutation next(byte[] input, Random random) {
        int length = Math.max(1, input.length);
        int position = random.nextInt(length);
        int kind = random.nextInt(100);
        if (kind < 30) {
            return new Mutation.FlipBit(position, random.nextInt(8));
        } else if (kind < 45) {
            int value = random.nextBoolean()
                    ? BOUNDARY_BYTES[random.nextInt(BOUNDARY_BYTES.length)] : random.nextInt(256);
            return new Mutation.SetInt(position, 1, value);
        } else if (kind < 55) {
            int width = random.nextBoolean() ? 2 : 4;
            return new Mutation.SetInt(position, width, integer(input, position, width, random));
        } else if (kind < 65) {
            return chunkLength(input, random);
        } else if (kind < 77) {
            return insert(input, position, random);
        } else if (kind < 90) {
            int deleted = random.nextInt(8) == 0 ? length - position : 1 + random.nextInt(MAX_DELETE);
            return new Mutation.DeleteBytes(position, deleted);
        } else {
            byte[] donor = corpus.get(random.nextInt(corpus.size()));
            int from = random.nextInt(donor.length);
            return Mutation.Put.splice(random.nextInt(input.length + 1),
                    Arrays.copyOfRange(donor, from, donor.length));
        }
    }

    private static long integer(byte[] input, int position, int width, Random random) {
        long max = (1L << (8 * width)) - 1;
        long old = 0;
        for (int i = 0; i < width; i++) {
            int at = position + i;
            old = old << 8 | (at < input.length ? input[at] & 0xFF : 0);
        }
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> max;
            case 2 -> max >> 1;
            case 3 -> (max >> 1) + 1;
            default -> old + random.nextInt(2 * MAX_NUDGE + 1) - MAX_NUDGE;
        };
    }

    private Mutation chunkLength(byte[] input, Random random) {
        List<Integer> lengths = new ArrayList<>();
        for (int p = 0; p + CHUNK_HEAD_BYTES <= input.length; p++) {
            if (isTag(input, p)) {
                lengths.add(p + TAG_BYTES);
            }
        }
        if (lengths.isEmpty()) {
            return new Mutation.FlipBit(random.nextInt(Math.max(1, input.length)), random.nextInt(8));
        }
        int at = lengths.get(random.nextInt(lengths.size()));
        long old = (input[at] & 0xFFL) << 24 | (input[at + 1] & 0xFFL) << 16
                | (input[at + 2] & 0xFFL) << 8 | input[at + 3] & 0xFFL;
        long value = switch (random.nextInt(7)) {
            case 0 -> 0;
            case 1 -> old - 1;
            case 2 -> old + 1;
            case 3 -> input.length;
            case 4 -> 0x7FFF_FFFFL;
            case 5 -> 0xFFFF_FFFFL;
            default -> old + random.nextInt(2 * MAX_NUDGE + 1) - MAX_NUDGE;
        };
        return new Mutation.SetInt(at, 4, value);
    }

    private static boolean isTag(byte[] input, int p) {
        for (int i = 0; i < TAG_BYTES; i++) {
            int c = input[p + i];
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private static Mutation insert(byte[] input, int position, Random random) {
        byte[] bytes;
        if (input.length > 0 && random.nextBoolean()) {
            int from = random.nextInt(input.length);
            int count = 1 + random.nextInt(Math.min(MAX_COPY_INSERT, input.length - from));
            bytes = Arrays.copyOfRange(input, from, from + count);
        } else {
            bytes = new byte[1 + random.nextInt(MAX_RANDOM_INSERT)];
            random.nextBytes(bytes);
        }
        return Mutation.Put.insert(random.nextInt(input.length + 1), bytes);
    }
}
