package org.attentionsuite.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.nn.PositionEncoding;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.testing.GradCheck;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.order.BlockRasterOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePositionsTest {
    private static final Precision F64 = Precision.FLOAT64;

    private static Param param(Params params, String name) {
        return params.all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    private static Mat random(int rows, int cols, Random rng) {
        Mat m = Mat.zeros(F64, rows, cols);
        GradCheck.randomize(m, rng, 1.0);
        return m;
    }

    /**
     * The encoding of block-order position j is R[row] + K[col] + E[ch] of the pixel that
     * {@link BlockRasterOrder} puts at j (row/column/channel decoded here from its raster index).
     */
    @Test
    void addsRowColumnAndChannelEmbeddingsOfThePixelAtEachBlockOrderPosition() {
        int h = 4;
        int w = 6;
        int c = 3;
        int d = 5;
        Params params = new Params();
        PositionEncoding enc = new ImagePositions(h, w, c, 2, 3).create(params, F64, h * w * c, d);
        params.allocate(F64, 7);
        BlockRasterOrder blocks = new BlockRasterOrder(h, w, c, 2, 3);
        Mat rows = param(params, "position.row").value();
        Mat cols = param(params, "position.column").value();
        Mat chans = param(params, "position.channel").value();
        int length = h * w * c;
        Mat x = Mat.zeros(F64, 2 * length, d);          // (B·L, D), B = 2
        enc.addTo(x, 2, length, 0);
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < length; j++) {
                int raster = blocks.rasterIndex(j);
                int row = raster / c / w;
                int col = raster / c % w;
                int ch = raster % c;
                for (int t = 0; t < d; t++) {
                    double expected = rows.get(row, t) + cols.get(col, t) + chans.get(ch, t);
                    assertEquals(expected, x.get(b * length + j, t), 1e-12, "b " + b + " position " + j);
                }
            }
        }
    }

    /** A decoding step at position {@code start} adds the same vector as the full pass does there. */
    @Test
    void stepEncodingEqualsFullEncodingAtThatPosition() {
        ImagePositions spec = new ImagePositions(4, 4, 1, 2, 2);
        Params params = new Params();
        PositionEncoding enc = spec.create(params, F64, 16, 3);
        params.allocate(F64, 3);
        Mat full = Mat.zeros(F64, 16, 3);
        enc.addTo(full, 1, 16, 0);
        for (int p = 0; p < 16; p++) {
            Mat one = Mat.zeros(F64, 2, 3);             // (B, D) with B = 2, one position
            enc.addTo(one, 2, 1, p);
            for (int t = 0; t < 3; t++) {
                assertEquals(full.get(p, t), one.get(0, t), 0);
                assertEquals(full.get(p, t), one.get(1, t), 0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> enc.addTo(Mat.zeros(F64, 1, 3), 1, 1, 16));
    }

    /** Float64 finite differences of {@code loss = Σ (x + enc) ⊙ W} for the three tables. */
    @ParameterizedTest
    @CsvSource({"0, 0, 0, 24", "2, 3, 0, 24", "2, 3, 5, 7"})
    void tableGradientsMatchFiniteDifferences(int qh, int qw, int start, int length) {
        Random rng = new Random(11);
        Params params = new Params();
        PositionEncoding enc = new ImagePositions(4, 6, 1, qh, qw).create(params, F64, 24, 4);
        params.allocate(F64, 5);
        int batch = 3;
        Mat x = random(batch * length, 4, rng);       // (B·L, D)
        Mat w = random(batch * length, 4, rng);       // dLoss/d(x + enc)
        params.zeroGrads();
        enc.backward(w, batch, length, start);
        DoubleSupplier loss = () -> {
            Mat y = Mat.zeros(F64, batch * length, 4);
            y.copyFrom(x);
            enc.addTo(y, batch, length, start);
            return GradCheck.dot(y, w);
        };
        for (String name : new String[] {"position.row", "position.column", "position.channel"}) {
            Param p = param(params, name);
            GradCheck.check(name, p.value(), p.grad(), loss, p.size(), 3);
        }
    }

    /**
     * The tables' gradients through a whole (float64) model with local 2D attention on an RGB
     * image in block order: the encoding is wired into forward and backward correctly.
     */
    @Test
    void gradientsThroughTheWholeModelMatchFiniteDifferences() {
        LocalAttention2d.Spec attention = new LocalAttention2d.Spec(4, 4, 3, 2, 2, 1, 1);
        ModelConfig config = ImageModels.config(4, 4, 3, attention, new ModelSize(8, 2, 1, 0.0), true);
        DecoderModel model = new DecoderModel(config, F64, 3);
        Random rng = new Random(4);
        int l = 48;
        int[] seq = new int[2 * l];
        for (int i = 0; i < seq.length; i++) {
            seq[i] = rng.nextInt(256);
        }
        int[] in = new int[2 * l];
        for (int b = 0; b < 2; b++) {
            in[b * l] = ImageModels.START;
            System.arraycopy(seq, b * l, in, b * l + 1, l - 1);
        }
        Batch batch = new Batch(in, seq, 2, l, new int[] {3, 7});
        for (String name : new String[] {"position.row", "position.column", "position.channel"}) {
            GradCheck.randomize(param(model.params(), name).value(), rng, 0.5);
        }
        model.params().zeroGrads();
        model.forward(batch, false);
        model.backward();
        DoubleSupplier loss = () -> model.forward(batch, false);
        for (String name : new String[] {"position.row", "position.column", "position.channel"}) {
            Param p = param(model.params(), name);
            GradCheck.check(name, p.value(), p.grad(), loss, 12, 9);
        }
    }

    @Test
    void rejectsGeometryThatDoesNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImagePositions(14, 14, 1, 4, 4));
        assertTrue(e.getMessage().contains("not divisible by query block height 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImagePositions(4, 4, 1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImagePositions(4, 4, 2, 0, 0));
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> new ImagePositions(4, 4, 1, 0, 0).create(new Params(), F64, 17, 4));
        assertTrue(len.getMessage().contains("maxLength = H*W*C"), len.getMessage());
        assertFalse(len.getMessage().contains("\n"));
    }
}
