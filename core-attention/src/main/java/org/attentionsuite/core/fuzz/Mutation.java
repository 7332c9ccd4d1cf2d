package org.attentionsuite.core.fuzz;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One edit of an input. Positions are taken modulo the input's length (an insert may also go at
 * the end), so any mutation applies to any input; {@link #apply} returns a new array and leaves
 * its argument unchanged.
 */
public sealed interface Mutation {

    /**
     * @param input the bytes to edit (not modified)
     * @return the edited copy
     */
    byte[] apply(byte[] input);

    /**
     * Inverts one bit.
     *
     * @param position byte offset, >= 0
     * @param bit 0 (least significant) .. 7
     */
    record FlipBit(int position, int bit) implements Mutation {
        /** Validates the fields. */
        public FlipBit {
            requireNonNegative("position", position);
            if (bit < 0 || bit > 7) {
                throw new IllegalArgumentException("bit (" + bit + ") must be in 0..7");
            }
        }

        @Override
        public byte[] apply(byte[] input) {
            byte[] out = input.clone();
            if (out.length > 0) {
                out[position % out.length] ^= (byte) (1 << bit);
            }
            return out;
        }
    }

    /**
     * Overwrites a big-endian unsigned integer of 1, 2 or 4 bytes (cut at the end of the input).
     *
     * @param position offset of its first byte, >= 0
     * @param width 1, 2 or 4 bytes
     * @param value the new value; only its low {@code 8 * width} bits are written
     */
    record SetInt(int position, int width, long value) implements Mutation {
        /** Validates the fields. */
        public SetInt {
            requireNonNegative("position", position);
            if (width != 1 && width != 2 && width != 4) {
                throw new IllegalArgumentException("width (" + width + ") must be 1, 2 or 4");
            }
        }

        @Override
        public byte[] apply(byte[] input) {
            byte[] out = input.clone();
            if (out.length == 0) {
                return out;
            }
            int start = position % out.length;
            for (int i = 0; i < width && start + i < out.length; i++) {
                out[start + i] = (byte) (value >>> (8 * (width - 1 - i)));
            }
            return out;
        }
    }

    /**
     * Puts bytes at a position, followed by the rest of the input (an insert) or by nothing (a
     * splice: the input's head continued with the tail of another file).
     *
     * @param position offset, >= 0, taken modulo {@code length + 1}
     * @param bytes    the bytes put there (copied); an insert puts at least one
     * @param keepRest whether the input after the position follows them
     */
    record Put(int position, byte[] bytes, boolean keepRest) implements Mutation {
        /** Validates and copies the bytes. */
        public Put {
            requireNonNegative("position", position);
            if (keepRest && bytes.length == 0) {
                throw new IllegalArgumentException("an insert needs at least one byte");
            }
            bytes = bytes.clone();
        }

        /** Inserts {@code bytes} before {@code position}. */
        static Put insert(int position, byte[] bytes) {
            return new Put(position, bytes, true);
        }

        /** Keeps the input up to {@code position} and continues with {@code tail}. */
        static Put splice(int position, byte[] tail) {
            return new Put(position, tail, false);
        }

        @Override
        public byte[] apply(byte[] input) {
            int at = position % (input.length + 1);
            int rest = keepRest ? input.length - at : 0;
            byte[] out = Arrays.copyOf(input, at + bytes.length + rest);
            System.arraycopy(bytes, 0, out, at, bytes.length);
            System.arraycopy(input, at, out, at + bytes.length, rest);
            return out;
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Put that && position == that.position && keepRest == that.keepRest
                    && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * position + Boolean.hashCode(keepRest)) + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return keepRest ? "Insert[position=" + position + ", bytes=" + HexFormat.of().formatHex(bytes) + "]"
                    : "Splice[position=" + position + ", tail=" + bytes.length + " bytes]";
        }
    }

    /**
     * Deletes a run of bytes (cut at the end of the input).
     *
     * @param position offset of the first deleted byte, >= 0
     * @param length bytes to delete, >= 1
     */
    record DeleteBytes(int position, int length) implements Mutation {
        /** Validates the fields. */
        public DeleteBytes {
            requireNonNegative("position", position);
            if (length < 1) {
                throw new IllegalArgumentException("length (" + length + ") must be >= 1");
            }
        }

        @Override
        public byte[] apply(byte[] input) {
            if (input.length == 0) {
                return input.clone();
            }
            int at = position % input.length;
            int cut = Math.min(length, input.length - at);
            byte[] out = new byte[input.length - cut];
            System.arraycopy(input, 0, out, 0, at);
            System.arraycopy(input, at + cut, out, at, input.length - at - cut);
            return out;
        }
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be >= 0");
        }
    }
}
