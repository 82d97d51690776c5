package org.dab4j.tensor;

import java.util.Optional;

/**
 * A tensor engine: it owns memory and runs a small set of primitive kernels on it.
 *
 * <p>The SPI works on raw {@link Storage} handles plus explicit shapes; it knows nothing of autograd.
 * Every storage holds a dense row-major float array. Unless a method says otherwise, an output may be
 * the same storage as an input of equal length (in-place), and lengths must match what the shapes say.
 * Indices (argmax, argsort, gather, scatter) are stored as floats holding exact integers, so an axis is
 * limited to 2^24 elements.
 *
 * <p>The {@code default} methods are fused operations built from primitives; a backend overrides them
 * where a fused kernel pays. Their results must match the primitive composition within float rounding.
 *
 * <p>A backend is used by one thread at a time; it may use more threads inside an operation.
 */
public interface Backend extends AutoCloseable {

    /** The provider name that created this backend, e.g. {@code vector}. */
    String name();

    /** The device in words, e.g. {@code CPU, 2 threads, 512-bit SIMD}. */
    String description();

    // ---------------------------------------------------------------- memory

    /** A new zero-filled storage of {@code length} floats. */
    Storage allocate(int length);

    /** Gives the memory back; idempotent. The storage must not be used afterwards. */
    void release(Storage storage);

    /** Copies {@code length} floats from the host array into the storage. */
    void upload(float[] src, int srcOffset, Storage dst, int dstOffset, int length);

    /** Copies {@code length} floats from the storage into the host array. */
    void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length);

    /** Sets the first {@code length} floats of {@code dst} to {@code value}. */
    void fill(Storage dst, int length, float value);

    /** Copies {@code length} floats between storages of this backend (the ranges must not overlap). */
    void copy(Storage src, int srcOffset, Storage dst, int dstOffset, int length);

    /**
     * The host-device transfers counted since this backend was created, for an engine whose storage lives in
     * device memory, so that a caller can check what a computation moves; empty for an engine whose storage
     * is host memory, where an upload or download is a plain copy.
     */
    default Optional<Transfers> transfers() {
        return Optional.empty();
    }

    // ---------------------------------------------------------------- elementwise

    /** {@code out[i] = op(x[i])} for {@code i < length}. */
    void unary(UnaryOp op, Storage x, Storage out, int length);

    /**
     * {@code out = op(a, b)} with numpy broadcasting; {@code out} holds
     * {@code Shape.broadcast(aShape, bShape)} elements. {@code out} may alias an input whose shape equals
     * the broadcast shape.
     */
    void binary(BinaryOp op, Storage a, Shape aShape, Storage b, Shape bShape, Storage out);

    /** {@code out[i] = op(a[i], scalar)} for {@code i < length}. */
    void binaryScalar(BinaryOp op, Storage a, float scalar, Storage out, int length);

    /** {@code out[i] = cond[i] != 0 ? a[i] : b[i]} for {@code i < length} (a NaN condition counts as true). */
    void where(Storage cond, Storage a, Storage b, Storage out, int length);

    // ---------------------------------------------------------------- reductions
    // x is viewed as [outer, axis, inner]; out as [outer, inner].

    /** Reduces the middle axis of {@code x}, see {@link ReduceOp}. */
    void reduce(ReduceOp op, Storage x, int outer, int axis, int inner, Storage out);

    /** The index of the first maximum along the middle axis (NaN counts as larger than any number). */
    void argmax(Storage x, int outer, int axis, int inner, Storage out);

    // ---------------------------------------------------------------- linear algebra

    /**
     * {@code c[m,n] = op(a)[m,k] * op(b)[k,n]}, where {@code op(a)} is {@code a} stored {@code [m,k]}, or
     * when {@code transA} the transpose of {@code a} stored {@code [k,m]}; likewise {@code b}. {@code c}
     * must not alias {@code a} or {@code b}.
     */
    void matmul(Storage a, boolean transA, Storage b, boolean transB, Storage c, int m, int k, int n);

    // ---------------------------------------------------------------- indexing
    // x is viewed as [outer, axis, inner]; index and src/out as [outer, inner].

    /**
     * {@code out[o,i] = x[o, index[o,i], i]}.
     *
     * @throws IndexOutOfBoundsException where the backend can see it, for an index outside {@code [0, axis)}
     */
    void gather(Storage x, int outer, int axis, int inner, Storage index, Storage out);

    /** {@code out[o, index[o,i], i] += src[o,i]} (repeated indices add up). */
    void scatterAdd(Storage src, Storage index, int outer, int axis, int inner, Storage out);

    // ---------------------------------------------------------------- sorting, last axis of [rows, length]

    /** Each row sorted ascending; NaN sorts last. {@code out} may alias {@code x}. */
    void sort(Storage x, int rows, int length, Storage out);

    /** The stable ascending order of each row (equal values keep their order; NaN last), as indices. */
    void argsort(Storage x, int rows, int length, Storage out);

    // ---------------------------------------------------------------- random

    /**
     * Fills {@code out[i]} with {@link CounterRandom#uniform(long, long) CounterRandom.uniform(seed, offset + i)},
     * so every backend draws the same numbers for the same seed.
     */
    void randomUniform(Storage out, int length, long seed, long offset);

    /** Fills {@code out[i]} with {@link CounterRandom#normal(long, long) CounterRandom.normal(seed, offset + i)}. */
    void randomNormal(Storage out, int length, long seed, long offset);

    // ---------------------------------------------------------------- fused operations (overridable)

    /** {@code out[r,c] = activation(x[r,c] + bias[c])}; a null activation is the identity. */
    default void biasActivation(Storage x, Storage bias, Storage out, int rows, int cols, UnaryOp activation) {
        binary(BinaryOp.ADD, x, Shape.of(rows, cols), bias, Shape.of(cols), out);
        if (activation != null) {
            unary(activation, out, out, rows * cols);
        }
    }

    /**
     * Softmax cross-entropy along the middle axis of {@code logits} viewed as {@code [outer, classes, inner]}:
     * {@code probs} (same layout) receives the softmax and {@code loss[o,i]} (layout {@code [outer, inner]})
     * receives {@code -log(probs[o, target[o,i], i])}, computed stably as {@code logsumexp - logit}.
     */
    default void softmaxCrossEntropy(Storage logits, int outer, int classes, int inner, Storage targets,
                                     Storage loss, Storage probs) {
        int rows = outer * inner;
        Shape full = Shape.of(outer, classes, inner);
        Shape reduced = Shape.of(outer, 1, inner);
        Storage max = allocate(rows);
        Storage shifted = allocate(full.size());
        Storage sum = allocate(rows);
        Storage picked = allocate(rows);
        try {
            reduce(ReduceOp.MAX, logits, outer, classes, inner, max);
            binary(BinaryOp.SUB, logits, full, max, reduced, shifted);
            unary(UnaryOp.EXP, shifted, probs, full.size());
            reduce(ReduceOp.SUM, probs, outer, classes, inner, sum);
            binary(BinaryOp.DIV, probs, full, sum, reduced, probs);
            gather(shifted, outer, classes, inner, targets, picked);
            unary(UnaryOp.LOG, sum, sum, rows);
            binary(BinaryOp.SUB, sum, Shape.of(rows), picked, Shape.of(rows), loss);
        } finally {
            release(max);
            release(shifted);
            release(sum);
            release(picked);
        }
    }

    /**
     * One Adam step in place (PyTorch semantics, L2 weight decay added to the gradient, bias correction
     * with the 1-based {@code step}): {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
     * p -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}.
     */
    default void adamStep(Storage param, Storage grad, Storage m, Storage v, int length, float lr,
                          float beta1, float beta2, float eps, float weightDecay, int step) {
        Shape s = Shape.of(length);
        Storage g = allocate(length);
        Storage t = allocate(length);
        try {
            if (weightDecay != 0f) {
                binaryScalar(BinaryOp.MUL, param, weightDecay, g, length);
                binary(BinaryOp.ADD, g, s, grad, s, g);
            } else {
                copy(grad, 0, g, 0, length);
            }
            binaryScalar(BinaryOp.MUL, m, beta1, m, length);
            binaryScalar(BinaryOp.MUL, g, 1f - beta1, t, length);
            binary(BinaryOp.ADD, m, s, t, s, m);
            binaryScalar(BinaryOp.MUL, v, beta2, v, length);
            unary(UnaryOp.SQUARE, g, t, length);
            binaryScalar(BinaryOp.MUL, t, 1f - beta2, t, length);
            binary(BinaryOp.ADD, v, s, t, s, v);
            float c1 = 1f - (float) Math.pow(beta1, step);
            float c2 = 1f - (float) Math.pow(beta2, step);
            binaryScalar(BinaryOp.DIV, v, c2, t, length);
            unary(UnaryOp.SQRT, t, t, length);
            binaryScalar(BinaryOp.ADD, t, eps, t, length);
            binaryScalar(BinaryOp.MUL, m, lr / c1, g, length);
            binary(BinaryOp.DIV, g, s, t, s, g);
            binary(BinaryOp.SUB, param, s, g, s, param);
        } finally {
            release(g);
            release(t);
        }
    }

    /** Releases everything this backend holds. */
    @Override
    void close();
}
