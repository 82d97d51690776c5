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

    /**
     * A new storage of {@code length} floats whose contents are unspecified, for an output that the next
     * operation overwrites entirely: a backend that reuses released memory can skip zero-filling it. The
     * default is {@link #allocate}.
     */
    default Storage allocateUninitialized(int length) {
        return allocate(length);
    }

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
     * The gradient through a fused activation, from its output {@code y} and the gradient {@code g} of that
     * output ({@code length} floats each): TANH {@code g - g * y^2}, SIGMOID {@code g * (y - y^2)}, RELU
     * {@code g * (y > 0 ? 1 : 0)}, a null activation {@code g}. {@code out} may alias {@code g}.
     */
    default void activationGradient(UnaryOp activation, Storage y, Storage g, Storage out, int length) {
        if (activation == null) {
            if (out != g) {
                copy(g, 0, out, 0, length);
            }
            return;
        }
        Shape s = Shape.of(length);
        Storage t = allocate(length);
        try {
            switch (activation) {
                case TANH -> {
                    unary(UnaryOp.SQUARE, y, t, length);
                    binary(BinaryOp.MUL, g, s, t, s, t);
                    binary(BinaryOp.SUB, g, s, t, s, out);
                }
                case SIGMOID -> {
                    unary(UnaryOp.SQUARE, y, t, length);
                    binary(BinaryOp.SUB, y, s, t, s, t);
                    binary(BinaryOp.MUL, g, s, t, s, out);
                }
                case RELU -> {
                    binaryScalar(BinaryOp.GT, y, 0f, t, length);
                    binary(BinaryOp.MUL, g, s, t, s, out);
                }
                default -> throw new IllegalArgumentException("no fused derivative for activation " + activation
                        + " (TANH, SIGMOID, RELU or null)");
            }
        } finally {
            release(t);
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

    // ---------------------------------------------------------------- convolution and pooling (overridable)
    // Images are NCHW as Window2d describes. im2col and col2im are the only defaults that pass data through
    // the host (one download and one upload each); an engine with device memory overrides them (or the whole
    // convolution) with kernels. Everything else below is composed of the primitives and these two.

    /**
     * The patches under the window, {@code cols[n, (c, ky, kx), (oy, ox)] = x[n, c, oy*s + ky - p, ox*s + kx - p]},
     * or {@code padValue} where that position falls in the padding. {@code cols} is
     * {@code [batch, patchSize, positions]} and must not alias {@code x}.
     */
    default void im2col(Storage x, Window2d window, float padValue, Storage cols) {
        float[] image = new float[window.inputSize()];
        download(x, 0, image, 0, image.length);
        float[] patches = new float[window.batch() * window.patchSize() * window.positions()];
        int outH = window.outHeight();
        int outW = window.outWidth();
        int k = 0;
        for (int n = 0; n < window.batch(); n++) {
            for (int c = 0; c < window.channels(); c++) {
                int plane = (n * window.channels() + c) * window.height() * window.width();
                for (int ky = 0; ky < window.kernelHeight(); ky++) {
                    for (int kx = 0; kx < window.kernelWidth(); kx++) {
                        for (int oy = 0; oy < outH; oy++) {
                            int iy = oy * window.stride() + ky - window.padding();
                            for (int ox = 0; ox < outW; ox++) {
                                int ix = ox * window.stride() + kx - window.padding();
                                boolean inside = iy >= 0 && iy < window.height() && ix >= 0 && ix < window.width();
                                patches[k++] = inside ? image[plane + iy * window.width() + ix] : padValue;
                            }
                        }
                    }
                }
            }
        }
        upload(patches, 0, cols, 0, patches.length);
    }

    /**
     * The adjoint of {@link #im2col}: {@code x[n, c, iy, ix]} becomes the sum of the entries of {@code cols}
     * that im2col copies from there (entries that fall in the padding are dropped). {@code x} must not alias
     * {@code cols}.
     */
    default void col2im(Storage cols, Window2d window, Storage x) {
        float[] patches = new float[window.batch() * window.patchSize() * window.positions()];
        download(cols, 0, patches, 0, patches.length);
        float[] image = new float[window.inputSize()];
        int outH = window.outHeight();
        int outW = window.outWidth();
        int k = 0;
        for (int n = 0; n < window.batch(); n++) {
            for (int c = 0; c < window.channels(); c++) {
                int plane = (n * window.channels() + c) * window.height() * window.width();
                for (int ky = 0; ky < window.kernelHeight(); ky++) {
                    for (int kx = 0; kx < window.kernelWidth(); kx++) {
                        for (int oy = 0; oy < outH; oy++) {
                            int iy = oy * window.stride() + ky - window.padding();
                            for (int ox = 0; ox < outW; ox++) {
                                int ix = ox * window.stride() + kx - window.padding();
                                if (iy >= 0 && iy < window.height() && ix >= 0 && ix < window.width()) {
                                    image[plane + iy * window.width() + ix] += patches[k];
                                }
                                k++;
                            }
                        }
                    }
                }
            }
        }
        upload(image, 0, x, 0, image.length);
    }

    /**
     * A 2-D convolution (cross-correlation, as in PyTorch): {@code out[n, o, oy, ox] = bias[o] +
     * sum over (c, ky, kx) of weight[o, c, ky, kx] * x[n, c, oy*s + ky - p, ox*s + kx - p]}, with zeros in the
     * padding. {@code weight} is {@code [outChannels, channels, kernelHeight, kernelWidth]}, {@code bias}
     * {@code [outChannels]} or null, {@code out} {@link Window2d#outputShape(int) [batch, outChannels, outHeight,
     * outWidth]} and must not alias an input. By default: im2col, then one matrix product per image.
     */
    default void conv2d(Storage x, Storage weight, Storage bias, Window2d window, int outChannels, Storage out) {
        int patch = window.patchSize();
        int positions = window.positions();
        Storage cols = allocate(window.batch() * patch * positions);
        Storage image = allocate(patch * positions);
        Storage result = allocate(outChannels * positions);
        try {
            im2col(x, window, 0f, cols);
            for (int n = 0; n < window.batch(); n++) {
                copy(cols, n * patch * positions, image, 0, patch * positions);
                matmul(weight, false, image, false, result, outChannels, patch, positions);
                copy(result, 0, out, n * outChannels * positions, outChannels * positions);
            }
            if (bias != null) {
                Shape all = Shape.of(window.batch(), outChannels, positions);
                binary(BinaryOp.ADD, out, all, bias, Shape.of(outChannels, 1), out);
            }
        } finally {
            release(cols);
            release(image);
            release(result);
        }
    }

    /**
     * The gradient of {@link #conv2d} with respect to its input: {@code gradIn} ({@code [batch, channels, height,
     * width]}) from {@code gradOut} ({@code [batch, outChannels, outHeight, outWidth]}). By default: per image
     * {@code weight^T gradOut}, then col2im.
     */
    default void conv2dBackwardInput(Storage gradOut, Storage weight, Window2d window, int outChannels,
                                     Storage gradIn) {
        int patch = window.patchSize();
        int positions = window.positions();
        Storage cols = allocate(window.batch() * patch * positions);
        Storage grad = allocate(outChannels * positions);
        Storage image = allocate(patch * positions);
        try {
            for (int n = 0; n < window.batch(); n++) {
                copy(gradOut, n * outChannels * positions, grad, 0, outChannels * positions);
                matmul(weight, true, grad, false, image, patch, outChannels, positions);
                copy(image, 0, cols, n * patch * positions, patch * positions);
            }
            col2im(cols, window, gradIn);
        } finally {
            release(cols);
            release(grad);
            release(image);
        }
    }

    /**
     * The gradient of {@link #conv2d} with respect to its weight: {@code gradWeight} ({@code [outChannels,
     * channels, kernelHeight, kernelWidth]}) from the input {@code x} and {@code gradOut}. By default: im2col,
     * then the sum over images of {@code gradOut cols^T}.
     */
    default void conv2dBackwardWeight(Storage x, Storage gradOut, Window2d window, int outChannels,
                                      Storage gradWeight) {
        int patch = window.patchSize();
        int positions = window.positions();
        Shape weightShape = Shape.of(outChannels * patch);
        Storage cols = allocate(window.batch() * patch * positions);
        Storage image = allocate(patch * positions);
        Storage grad = allocate(outChannels * positions);
        Storage term = allocate(outChannels * patch);
        try {
            im2col(x, window, 0f, cols);
            for (int n = 0; n < window.batch(); n++) {
                copy(cols, n * patch * positions, image, 0, patch * positions);
                copy(gradOut, n * outChannels * positions, grad, 0, outChannels * positions);
                matmul(grad, false, image, true, n == 0 ? gradWeight : term, outChannels, positions, patch);
                if (n > 0) {
                    binary(BinaryOp.ADD, gradWeight, weightShape, term, weightShape, gradWeight);
                }
            }
        } finally {
            release(cols);
            release(image);
            release(grad);
            release(term);
        }
    }

    /**
     * Max pooling of each channel plane: {@code out[n, c, oy, ox]} is the largest input under the window (the
     * padding counts as -infinity; NaN is larger than any number), and {@code argmax} (same layout) the position
     * {@code ky * kernelWidth + kx} of its first occurrence within the window. Every window must cover at least
     * one input element. By default: im2col of each plane, then {@link #reduce} MAX and {@link #argmax}.
     */
    default void maxPool2d(Storage x, Window2d window, Storage out, Storage argmax) {
        Window2d plane = window.perPlane();
        int area = window.kernelHeight() * window.kernelWidth();
        Storage cols = allocate(plane.batch() * area * plane.positions());
        try {
            im2col(x, plane, Float.NEGATIVE_INFINITY, cols);
            reduce(ReduceOp.MAX, cols, plane.batch(), area, plane.positions(), out);
            argmax(cols, plane.batch(), area, plane.positions(), argmax);
        } finally {
            release(cols);
        }
    }

    /**
     * The gradient of {@link #maxPool2d}: each element of {@code gradOut} goes to the input element its window's
     * {@code argmax} names, and overlapping windows add up. {@code gradIn} is {@code [batch, channels, height,
     * width]}. By default: scatterAdd into the patches, then col2im.
     */
    default void maxPool2dBackward(Storage gradOut, Storage argmax, Window2d window, Storage gradIn) {
        Window2d plane = window.perPlane();
        int area = window.kernelHeight() * window.kernelWidth();
        Storage cols = allocate(plane.batch() * area * plane.positions());
        try {
            scatterAdd(gradOut, argmax, plane.batch(), area, plane.positions(), cols);
            col2im(cols, plane, gradIn);
        } finally {
            release(cols);
        }
    }

    /** Releases everything this backend holds. */
    @Override
    void close();
}
