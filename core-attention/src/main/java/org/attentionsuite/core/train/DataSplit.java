package org.attentionsuite.core.train;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;
import org.attentionsuite.core.UserError;

/**
 * The three parts of a data set: what trains the model, what chooses its checkpoint (validation,
 * early stopping), and what neither saw (test). The JSB chorales come split this way; the other
 * sources are split by the training run's options (a seeded shuffle), so evaluation finds the same
 * parts again from the options a checkpoint recorded.
 */
public enum DataSplit {
    /** What the model trains on; key {@code train}. */
    TRAIN("train"),
    /** What chooses the checkpoint (validation, early stopping); key {@code valid}. */
    VALID("valid"),
    /** What neither training nor the choice of checkpoint saw; key {@code test}. */
    TEST("test");

    private final String key;

    DataSplit(String key) {
        this.key = key;
    }

    /** The name on command lines and in files: {@code train}, {@code valid} or {@code test}. */
    public String key() {
        return key;
    }

    /**
     * The order of a seeded shuffle of {@code n} items (Fisher–Yates with {@link Random}), the one
     * every split of images and pieces draws its held-out parts from: the same seed gives the same
     * order on every machine.
     */
    public static int[] shuffledOrder(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * How many of {@code n} items a held-out part takes when {@code requested} are asked for:
     * {@code min(requested, max(1, n/5))}, at most a fifth of them but at least one.
     */
    public static int heldOut(int n, int requested) {
        return Math.min(requested, Math.max(1, n / 5));
    }

    /** The split named {@code key}; {@code option} names it in the error. */
    public static DataSplit parse(String key, String option) {
        for (DataSplit s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new UserError(option + " '" + key + "' is unknown (known: "
                + Arrays.stream(values()).map(DataSplit::key).collect(Collectors.joining(", ")) + ")");
    }
}
