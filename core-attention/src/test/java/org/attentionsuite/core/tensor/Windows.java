package org.attentionsuite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

/**
 * Non-contiguous test windows: a {@code rows x cols} {@link Mat} at a non-zero offset with
 * {@code ld > cols}, on a buffer whose every element (inside and outside the window) is random, so a
 * kernel that ignores the offset or the leading dimension, or writes outside its window, is caught.
 */
final class Windows {
    private Windows() {
    }

    /** A random window at {@code offset} with {@code pad} extra elements per row. */
    static Mat random(Precision p, int rows, int cols, int offset, int pad, Random rng) {
        int ld = cols + pad;
        Storage s = Storage.allocate(p, offset + (long) rows * ld + 3);
        for (int i = 0; i < s.size(); i++) {
            s.set(i, rng.nextGaussian());
        }
        return new Mat(s, offset, rows, cols, ld);
    }

    /** float64 window with offset 3 and 2 elements of padding per row. */
    static Mat random(int rows, int cols, Random rng) {
        return random(Precision.FLOAT64, rows, cols, 3, 2, rng);
    }

    /** A copy of the whole buffer behind {@code m}. */
    static double[] snapshot(Mat m) {
        double[] all = new double[m.s().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = m.s().get(i);
        }
        return all;
    }

    /** Every element of {@code m}'s buffer outside the window still equals {@code before}. */
    static void assertOutsideUnchanged(double[] before, Mat m) {
        for (int i = 0; i < before.length; i++) {
            int rel = i - m.offset();
            boolean inside = rel >= 0 && rel / m.ld() < m.rows() && rel % m.ld() < m.cols();
            if (!inside) {
                assertEquals(before[i], m.s().get(i), 0.0, "element " + i + " outside the window was written");
            }
        }
    }

    /** Every element of {@code m}'s buffer equals {@code before} (an input left unmodified). */
    static void assertUnchanged(double[] before, Mat m) {
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], m.s().get(i), 0.0, "input element " + i + " was modified");
        }
    }

    /** The window as {@code double[rows][cols]}. */
    static double[][] toRows(Mat m) {
        double[][] out = new double[m.rows()][m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                out[r][c] = m.get(r, c);
            }
        }
        return out;
    }

    /** A contiguous float64 copy of a window (for finite differences on a fresh buffer). */
    static Mat copy(Mat m) {
        Mat c = Mat.zeros(m.precision(), m.rows(), m.cols());
        c.copyFrom(m);
        return c;
    }
}
