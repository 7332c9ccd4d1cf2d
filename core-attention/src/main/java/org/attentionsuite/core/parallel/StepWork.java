package org.attentionsuite.core.parallel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.core.Seeds;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.tensor.Storage;

/**
 * The arithmetic every placement of {@link Workers} shares, so that threads and cluster executors
 * compute the same bits: how a batch is cut, what one replica computes for a block of
 * micro-batches, and in which order losses are added.
 *
 * <p>A training step's batch is cut into micro-batches of a fixed size; its gradient is the
 * {@link GradientTree} sum of one gradient per micro-batch, each scaled by one over the whole
 * batch's counted targets, so the sum is the gradient of the batch's mean loss. Evaluation scores
 * one sequence at a time and adds the losses in batch and sequence order. Serializable, so a
 * cluster's executors get the step's micro-batches with their tasks.
 *
 * @param micro      the step's micro-batches, in order
 * @param counted    the batch's counted targets
 * @param blockSize  micro-batches per block, a power of two: the unit of work of one worker
 */
public record StepWork(List<Batch> micro, int counted, int blockSize) implements Serializable {
    /** Cuts {@code batch} into micro-batches of {@code microBatch} sequences, in blocks for {@code workers}. */
    public static StepWork of(Batch batch, int microBatch, int workers) {
        List<Batch> micro = batch.split(microBatch);
        return new StepWork(micro, batch.countedTargets(), GradientTree.blockSize(micro.size(), workers));
    }

    /** What each micro-batch's gradient is scaled by: one over the batch's counted targets (0 when none is). */
    public double scale() {
        return counted == 0 ? 0 : 1.0 / counted;
    }

    /** Number of blocks. */
    public int blocks() {
        return (micro.size() + blockSize - 1) / blockSize;
    }

    /** Micro-batches {@code [first(b), first(b + 1))} make block {@code b}. */
    public int first(int block) {
        return Math.min(micro.size(), block * blockSize);
    }

    /**
     * Computes block {@code block} on {@code replica}: the tree sum of its micro-batches' gradients
     * (left in {@code tree}, from which the caller takes {@link GradientTree#sum()}) and each
     * micro-batch's summed loss into {@code lossSums} at its index.
     */
    public void computeBlock(DecoderModel replica, GradientTree tree, int block, long dropoutSeed, double[] lossSums) {
        tree.clear();
        for (int m = first(block); m < first(block + 1); m++) {
            Storage leaf = tree.next();
            replica.params().swapGrads(leaf);
            replica.reseedDropout(Seeds.mix(dropoutSeed, m));
            lossSums[m] = replica.lossSum(micro.get(m), true, scale());
            replica.backward();
            tree.push(leaf, 1);
        }
    }

    /** The step's mean loss from the micro-batches' summed losses, added in index order. */
    public double meanLoss(double[] lossSums) {
        double total = 0;
        for (double s : lossSums) {
            total += s;
        }
        return counted == 0 ? 0 : total / counted;
    }

    /** Evaluation items: every sequence of {@code batches}, in order, as a batch of one. */
    public static List<Batch> sequences(List<Batch> batches) {
        List<Batch> out = new ArrayList<>();
        for (Batch b : batches) {
            out.addAll(b.split(1));
        }
        return out;
    }

    /** Mean loss per counted target from each item's summed loss, added in item order. */
    public static double meanOver(List<Batch> items, double[] lossSums) {
        double total = 0;
        long counted = 0;
        for (int i = 0; i < items.size(); i++) {
            total += lossSums[i];
            counted += items.get(i).countedTargets();
        }
        return counted == 0 ? Double.NaN : total / counted;
    }
}
