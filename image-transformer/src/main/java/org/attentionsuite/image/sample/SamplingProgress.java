package org.attentionsuite.image.sample;

import java.io.PrintStream;
import java.util.Locale;
import org.attentionsuite.core.io.Terminal;
import org.attentionsuite.core.sample.Generator;

/**
 * Prints "what: done/total" to standard error, done being the positions filled per image on
 * average (the chunks of images advance side by side): every 10% in place on a terminal, every 25%
 * otherwise (logs).
 */
final class SamplingProgress implements Generator.Progress {
    private final String what;
    private final int total;
    private final PrintStream out = System.err;
    private final boolean interactive = Terminal.interactive();
    private final long start = System.nanoTime();
    private final int parts = interactive ? 10 : 4;
    private int lastPart = -1;

    SamplingProgress(String what, int total) {
        this.what = what;
        this.total = total;
    }

    @Override
    public void advanced(int[] filled, int[][] sequences) {
        long sum = 0;
        for (int f : filled) {
            sum += f;
        }
        int done = (int) (sum / filled.length) - 1;                      // intensities after START
        int part = (int) ((long) parts * done / Math.max(1, total));
        if (part == lastPart) {
            return;
        }
        lastPart = part;
        String line = String.format(Locale.ROOT, "%s: %d/%d positions (%.1f s)", what, done, total,
                (System.nanoTime() - start) / 1e9);
        if (interactive) {
            out.print("\r" + line + (done >= total ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }
}
