package org.attentionsuite.experiments.quality;

import org.attentionsuite.core.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.train.DataSource;
import org.attentionsuite.image.order.BlockRasterOrder;

/**
 * The same images in block-raster order (Parmar et al. 2018, §3.3, for local 2D attention). The
 * wrapped source must give image sequences as {@code inputs = [START, x_0 .. x_{L−2}]},
 * {@code targets = [x_0 .. x_{L−1}]} in raster order; this view gives
 * {@code targets = [y_0 .. y_{L−1}]}, {@code y_j = x_{perm[j]}}, and
 * {@code inputs = [START, y_0 .. y_{L−2}]}. Batches are the same examples in the same order, so
 * arms on either view see the same data at every step.
 */
public final class BlockRasterView implements DataSource {
    private final DataSource raster;
    private final BlockRasterOrder order;
    private final int start;
    private final int[] permutation;
    private List<Batch> validation;

    /**
     * @param raster the raster-order source
     * @param order  the block geometry ({@code L = H·W·C} must be the batches' length)
     * @param start  the start token in front of every input
     */
    public BlockRasterView(DataSource raster, BlockRasterOrder order, int start) {
        this.raster = raster;
        this.order = order;
        this.start = start;
        this.permutation = order.permutation();
    }

    @Override
    public Batch trainBatch(Random rng) {
        return reorder(raster.trainBatch(rng));
    }

    @Override
    public synchronized List<Batch> validationBatches() {
        if (validation == null) {
            List<Batch> out = new ArrayList<>();
            for (Batch b : raster.validationBatches()) {
                out.add(reorder(b));
            }
            validation = List.copyOf(out);
        }
        return validation;
    }

    @Override
    public String fingerprint() {
        return raster.fingerprint() + "+block-raster(" + order.queryHeight() + "x" + order.queryWidth() + ")";
    }

    /** The batch with each sequence reordered; see the class comment. */
    Batch reorder(Batch b) {
        int l = b.length();
        if (l != permutation.length) {
            throw new UserError("batch length " + l + " is not the image length " + permutation.length);
        }
        int[] in = new int[b.inputs().length];
        int[] tg = new int[b.targets().length];
        for (int s = 0; s < b.batch(); s++) {
            int o = s * l;
            if (b.inputs()[o] != start) {
                throw new UserError("sequence " + s + " does not begin with the start token " + start);
            }
            for (int j = 0; j < l; j++) {
                tg[o + j] = b.targets()[o + permutation[j]];                  // y_j = x_perm[j]
            }
            in[o] = start;
            System.arraycopy(tg, o, in, o + 1, l - 1);                        // [START, y_0 .. y_{L−2}]
        }
        return new Batch(in, tg, b.batch(), l, b.conditions());
    }
}
