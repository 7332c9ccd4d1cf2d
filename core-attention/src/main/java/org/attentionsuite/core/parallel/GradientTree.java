package org.attentionsuite.core.parallel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;

/**
 * Sums gradients over one fixed binary tree of their leaf indices (one leaf per micro-batch), so
 * the floating-point result depends only on the leaves, never on which worker computed what:
 *
 * <pre>
 *   sum[lo, hi) = sum[lo, lo + h) + sum[lo + h, hi),   h = the largest power of two below hi − lo
 * </pre>
 *
 * Every aligned block of {@code 2^k} leaves ({@code [j·2^k, (j+1)·2^k)}, or the tail of the last
 * one) is a subtree, so a worker may sum such a block on its own and hand over the block's sum as
 * one node of {@code 2^k} leaves ({@link #blockSize}).
 *
 * <p>Nodes are pushed in index order and merged like the carries of a binary counter: when the two
 * newest nodes hold the same number of leaves they become one; {@link #sum()} then folds what is
 * left from the newest to the oldest. That is exactly the tree above. Buffers are recycled, so an
 * accumulator of {@code n} leaves keeps at most {@code log2(n) + 2} of them.
 */
public final class GradientTree {
    private final Precision precision;
    private final int size;
    private final ArrayDeque<Node> stack = new ArrayDeque<>();
    private final ArrayDeque<Storage> free = new ArrayDeque<>();
    private final List<Storage> owned = new ArrayList<>();

    private record Node(Storage buffer, long leaves) {
    }

    /** An accumulator of gradients of {@code size} elements. */
    public GradientTree(Precision precision, int size) {
        this.precision = precision;
        this.size = size;
    }

    /**
     * The leaves each worker sums on its own when {@code leaves} are spread over {@code workers}:
     * the largest power of two not above {@code leaves / workers} (at least 1).
     */
    public static int blockSize(int leaves, int workers) {
        return Integer.highestOneBit(Math.max(1, leaves / Math.max(1, workers)));
    }

    /**
     * At most how many gradient buffers summing {@code leaves} leaves on {@code workers} takes:
     * one tree per block of {@link #blockSize} leaves ({@code log2(block) + 2} buffers each) and
     * one over the blocks.
     */
    public static int buffersNeeded(int leaves, int workers) {
        int block = blockSize(leaves, workers);
        int blocks = (leaves + block - 1) / block;
        return blocks * (log2(block) + 2) + log2(blocks) + 2;
    }

    private static int log2(int n) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, n) - 1);
    }

    /** A zeroed buffer of this tree for the next node (compute a leaf into it, then {@link #push} it). */
    public Storage next() {
        Storage b = free.isEmpty() ? allocate() : free.pop();
        b.zero(0, size);
        return b;
    }

    /** Adds the next node in index order: {@code buffer} (from {@link #next()}) holds the sum of {@code leaves} leaves. */
    public void push(Storage buffer, long leaves) {
        if (leaves <= 0) {
            throw new IllegalArgumentException("a node holds at least one leaf, got " + leaves);
        }
        Node node = new Node(buffer, leaves);
        while (!stack.isEmpty() && stack.peek().leaves() == node.leaves()) {
            node = merge(stack.pop(), node);
        }
        stack.push(node);
    }

    /** Adds the next node as a copy of {@code values}, a buffer this tree does not own. */
    public void pushCopy(Storage values, long leaves) {
        Storage b = next();
        whole(b).copyFrom(whole(values));
        push(b, leaves);
    }

    /** The sum of every node pushed since the last {@link #clear()}; stays valid until then. */
    public Storage sum() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("nothing to sum");
        }
        Node right = stack.pop();
        while (!stack.isEmpty()) {
            right = merge(stack.pop(), right);
        }
        stack.push(right);
        return right.buffer();
    }

    /** Forgets every node; their buffers are reused by {@link #next()}. */
    public void clear() {
        while (!stack.isEmpty()) {
            free.push(stack.pop().buffer());
        }
    }

    /** {@code left + right} into the left node's buffer; the right one's buffer is free again. */
    private Node merge(Node left, Node right) {
        whole(left.buffer()).addScaled(whole(right.buffer()), 1.0);
        free.push(right.buffer());
        return new Node(left.buffer(), left.leaves() + right.leaves());
    }

    private Storage allocate() {
        Storage b = Storage.allocate(precision, Math.max(1, size));
        owned.add(b);
        return b;
    }

    private Mat whole(Storage s) {
        return s.mat(0, 1, size);
    }

    /** Buffers this tree allocated (for memory accounting in tests). */
    int buffers() {
        return owned.size();
    }
}
