package org.attentionsuite.music.train;

import org.attentionsuite.core.UserError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.attentionsuite.core.model.Batch;

/**
 * Cutting token sequences into teacher-forcing batches. A window holds {@code L + 1} tokens;
 * input = the first {@code L}, target = the last {@code L}. A missing token ({@code -1}, past the
 * end of a sequence) becomes PAD as input; a missing or PAD target is ignored ({@code -1}).
 */
final class Windows {
    private Windows() {
    }

    /** {@code length + 1} tokens of {@code seq} from {@code start}, {@code -1} past its end. */
    static int[] window(int[] seq, int start, int length) {
        int[] w = new int[length + 1];
        for (int i = 0; i <= length; i++) {
            w[i] = start + i < seq.length ? seq[start + i] : -1;
        }
        return w;
    }

    /** The batch of {@code windows} (each {@code L + 1} tokens). */
    static Batch toBatch(int[][] windows, int length, int pad) {
        int b = windows.length;
        int[] in = new int[b * length];                                   // (B·L)
        int[] tg = new int[b * length];                                   // (B·L)
        for (int s = 0; s < b; s++) {
            int[] w = windows[s];
            if (w.length != length + 1) {
                throw new UserError("window of " + w.length + " tokens, expected " + (length + 1));
            }
            for (int i = 0; i < length; i++) {
                int x = w[i];
                int y = w[i + 1];
                in[s * length + i] = x < 0 ? pad : x;
                tg[s * length + i] = x < 0 || x == pad || y < 0 || y == pad ? -1 : y;
            }
        }
        return new Batch(in, tg, b, length, null);
    }

    /**
     * Windows starting at multiples of {@code length}, so that consecutive windows share one token
     * and every token but a sequence's first is a target exactly once; at most {@code maxWindows}
     * of them, evenly spaced, grouped into batches.
     */
    static List<Batch> tile(List<int[]> sequences, int length, int batch, int pad, int maxWindows) {
        List<int[]> all = new ArrayList<>();
        for (int[] seq : sequences) {
            for (int start = 0; start + 1 < seq.length; start += length) {
                all.add(window(seq, start, length));
            }
        }
        List<int[]> kept = all;
        if (all.size() > maxWindows) {
            kept = new ArrayList<>();
            for (int k = 0; k < maxWindows; k++) {
                kept.add(all.get((int) ((long) k * all.size() / maxWindows)));
            }
        }
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i += batch) {
            int n = Math.min(batch, kept.size() - i);
            out.add(toBatch(kept.subList(i, i + n).toArray(new int[0][]), length, pad));
        }
        return List.copyOf(out);
    }

    /** {@code "sha256:<16 hex>"} of the sequences and a free-text description of the sampling. */
    static String fingerprint(List<int[]> train, List<int[]> validation, String sampling) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (List<int[]> list : List.of(train, validation)) {
                for (int[] seq : list) {
                    for (int t : seq) {
                        md.update((byte) t);
                        md.update((byte) (t >>> 8));
                    }
                    md.update((byte) 0x7f);
                    md.update((byte) 0x7f);
                }
                md.update((byte) 0x55);
            }
            md.update(sampling.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
