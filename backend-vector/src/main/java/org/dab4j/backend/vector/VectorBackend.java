package org.dab4j.backend.vector;

import static org.dab4j.backend.vector.Simd.L;
import static org.dab4j.backend.vector.Simd.S;
import static org.dab4j.tensor.BackendArguments.requireAliasShape;
import static org.dab4j.tensor.BackendArguments.requireArgmaxAxis;
import static org.dab4j.tensor.BackendArguments.requireDisjointCopy;
import static org.dab4j.tensor.BackendArguments.requireIndices;
import static org.dab4j.tensor.BackendArguments.requireLength;
import static org.dab4j.tensor.BackendArguments.requireMatmulOutput;
import static org.dab4j.tensor.BackendArguments.requireNonNegative;
import static org.dab4j.tensor.BackendArguments.requireRange;
import static org.dab4j.tensor.BackendArguments.requireShape;
import static org.dab4j.tensor.BackendArguments.requireView;
import static org.dab4j.tensor.BackendArguments.viewSize;

import java.util.Arrays;

import jdk.incubator.vector.VectorMask;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.CounterRandom;
import org.dab4j.tensor.ReduceOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.UnaryOp;
import org.dab4j.tensor.Window2d;

/**
 * The SIMD CPU engine: heap {@code float[]} storage and kernels on {@code jdk.incubator.vector}, with large
 * operations split over a fixed pool of {@link BackendConfig#threads()} threads (the caller included). Every
 * result is the same whatever the thread count: work is split by output element, never inside one
 * element's accumulation.
 *
 * <p>The transcendentals come from {@link VectorMath}, whose bits do not depend on the JIT tier, so a seeded
 * run repeats exactly. Released storage goes to a {@link BufferPool} and is handed out again by the next
 * allocation of its length, so a training step that allocates the same shapes every step makes no garbage.
 */
public final class VectorBackend implements Backend {
    /** Below this many elements an operation stays on the calling thread: the hand-off would cost more. */
    private static final int PARALLEL_ELEMENTS = 1 << 16;
    /** Elementwise pieces start on multiples of this (a multiple of every vector length, 4 KiB of floats). */
    private static final int GRAIN = 1024;

    private final WorkerPool pool;
    private final BufferPool buffers = new BufferPool(BufferPool.CAPACITY_FLOATS);
    private boolean closed;

    public VectorBackend(BackendConfig config) {
        this.pool = new WorkerPool(config.threads());
    }

    /** The vector unit in words, e.g. {@code 512-bit SIMD}. */
    static String simd() {
        return S.vectorBitSize() + "-bit SIMD";
    }

    @Override
    public String name() {
        return VectorBackendProvider.NAME;
    }

    @Override
    public String description() {
        int threads = pool.threads();
        return "CPU, " + threads + (threads == 1 ? " thread, " : " threads, ") + simd();
    }

    boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- memory

    @Override
    public Storage allocate(int length) {
        checkOpen();
        requireNonNegative("length", length);
        return new HeapStorage(this, buffers.take(length));
    }

    /** A pooled array of the length as it was released, without zero-filling it. */
    @Override
    public Storage allocateUninitialized(int length) {
        checkOpen();
        requireNonNegative("length", length);
        return new HeapStorage(this, buffers.takeUninitialized(length));
    }

    /**
     * Hands the array to the buffer pool for the next allocation of its length. Also allowed after
     * {@link #close}, so scopes that outlive the backend can still clean up.
     */
    @Override
    public void release(Storage storage) {
        float[] array = own(storage, "storage").release();
        if (array != null && !closed) {
            buffers.give(array);
        }
    }

    /** The floats released and waiting for reuse by {@link #allocate}. */
    long pooledFloats() {
        return buffers.pooledFloats();
    }

    @Override
    public void upload(float[] src, int srcOffset, Storage dst, int dstOffset, int length) {
        requireNonNegative("length", length);
        float[] d = data(dst, "dst");
        requireRange("host array src", src.length, srcOffset, length);
        requireRange("dst", d.length, dstOffset, length);
        System.arraycopy(src, srcOffset, d, dstOffset, length);
    }

    @Override
    public void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length) {
        requireNonNegative("length", length);
        float[] s = data(src, "src");
        requireRange("src", s.length, srcOffset, length);
        requireRange("host array dst", dst.length, dstOffset, length);
        System.arraycopy(s, srcOffset, dst, dstOffset, length);
    }

    @Override
    public void fill(Storage dst, int length, float value) {
        requireNonNegative("length", length);
        float[] d = data(dst, "dst");
        requireLength("dst", d.length, length);
        Arrays.fill(d, 0, length, value);
    }

    @Override
    public void copy(Storage src, int srcOffset, Storage dst, int dstOffset, int length) {
        requireNonNegative("length", length);
        float[] s = data(src, "src");
        float[] d = data(dst, "dst");
        requireRange("src", s.length, srcOffset, length);
        requireRange("dst", d.length, dstOffset, length);
        requireDisjointCopy(s == d, srcOffset, dstOffset, length);
        System.arraycopy(s, srcOffset, d, dstOffset, length);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length) {
        requireNonNegative("length", length);
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireLength("x", xs.length, length);
        requireLength("out", o.length, length);
        pool.run(length, GRAIN, length >= PARALLEL_ELEMENTS,
                (from, to) -> UnaryKernels.apply(op, xs, from, o, from, to - from));
    }

    @Override
    public void binary(BinaryOp op, Storage a, Shape aShape, Storage b, Shape bShape, Storage out) {
        float[] as = data(a, "a");
        float[] bs = data(b, "b");
        float[] o = data(out, "out");
        Shape outShape = Shape.broadcast(aShape, bShape);
        requireShape("a of shape", as.length, aShape);
        requireShape("b of shape", bs.length, bShape);
        requireShape("out of broadcast shape", o.length, outShape);
        requireAliasShape("a", out == a, aShape, outShape);
        requireAliasShape("b", out == b, bShape, outShape);
        int size = outShape.size();
        if (size == 0) {
            return;
        }
        BroadcastPlan plan = BroadcastPlan.of(aShape, bShape, outShape);
        int rows = plan.rows();
        int n = plan.inner();
        boolean aRuns = plan.aRuns();
        boolean bRuns = plan.bRuns();
        boolean parallel = size >= PARALLEL_ELEMENTS;
        if (rows == 1) {
            pool.run(n, GRAIN, parallel, (from, to) -> binaryRow(op, as, aRuns ? from : 0, aRuns, bs,
                    bRuns ? from : 0, bRuns, o, from, to - from));
        } else {
            pool.run(rows, 1, parallel, (from, to) -> {
                for (int r = from; r < to; r++) {
                    binaryRow(op, as, plan.aOffset(r), aRuns, bs, plan.bOffset(r), bRuns, o, r * n, n);
                }
            });
        }
    }

    /** One row of a broadcast: each operand a run of {@code n} floats or one value repeated. */
    private static void binaryRow(BinaryOp op, float[] a, int ao, boolean aRuns, float[] b, int bo, boolean bRuns,
                                  float[] out, int oo, int n) {
        if (aRuns && bRuns) {
            BinaryKernels.vv(op, a, ao, b, bo, out, oo, n);
        } else if (aRuns) {
            BinaryKernels.vs(op, a, ao, b[bo], out, oo, n);
        } else {
            BinaryKernels.sv(op, a[ao], b, bo, out, oo, n);
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, Storage a, float scalar, Storage out, int length) {
        requireNonNegative("length", length);
        float[] as = data(a, "a");
        float[] o = data(out, "out");
        requireLength("a", as.length, length);
        requireLength("out", o.length, length);
        pool.run(length, GRAIN, length >= PARALLEL_ELEMENTS,
                (from, to) -> BinaryKernels.vs(op, as, from, scalar, o, from, to - from));
    }

    @Override
    public void where(Storage cond, Storage a, Storage b, Storage out, int length) {
        requireNonNegative("length", length);
        float[] c = data(cond, "cond");
        float[] as = data(a, "a");
        float[] bs = data(b, "b");
        float[] o = data(out, "out");
        requireLength("cond", c.length, length);
        requireLength("a", as.length, length);
        requireLength("b", bs.length, length);
        requireLength("out", o.length, length);
        pool.run(length, GRAIN, length >= PARALLEL_ELEMENTS,
                (from, to) -> WhereKernel.where(c, as, bs, o, from, to));
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int axis, int inner, Storage out) {
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireView("x of view", xs.length, outer, axis, inner);
        requireView("out of view", o.length, outer, inner);
        boolean parallel = (long) outer * axis * inner >= PARALLEL_ELEMENTS;
        if (inner == 1) {
            pool.run(outer, 1, parallel, (from, to) -> {
                for (int r = from; r < to; r++) {
                    o[r] = op == ReduceOp.SUM ? ReduceKernels.sum(xs, r * axis, axis)
                            : ReduceKernels.max(xs, r * axis, axis);
                }
            });
        } else if (outer == 1) {
            pool.run(inner, L, parallel, (from, to) -> reduceColumns(op, xs, 0, axis, inner, from, to, o, 0));
        } else {
            pool.run(outer, 1, parallel, (from, to) -> {
                for (int r = from; r < to; r++) {
                    reduceColumns(op, xs, r * axis * inner, axis, inner, 0, inner, o, r * inner);
                }
            });
        }
    }

    private static void reduceColumns(ReduceOp op, float[] x, int off, int axis, int inner, int from, int to,
                                      float[] out, int oo) {
        if (op == ReduceOp.SUM) {
            ReduceKernels.sumColumns(x, off, axis, inner, from, to, out, oo);
        } else {
            ReduceKernels.maxColumns(x, off, axis, inner, from, to, out, oo);
        }
    }

    @Override
    public void argmax(Storage x, int outer, int axis, int inner, Storage out) {
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireView("x of view", xs.length, outer, axis, inner);
        requireView("out of view", o.length, outer, inner);
        requireArgmaxAxis(outer, axis, inner);
        boolean parallel = (long) outer * axis * inner >= PARALLEL_ELEMENTS;
        if (inner == 1) {
            pool.run(outer, 1, parallel, (from, to) -> {
                for (int r = from; r < to; r++) {
                    o[r] = ReduceKernels.argmax(xs, r * axis, axis);
                }
            });
        } else if (outer == 1) {
            pool.run(inner, L, parallel,
                    (from, to) -> ReduceKernels.argmaxColumns(xs, 0, axis, inner, from, to, o, 0));
        } else {
            pool.run(outer, 1, parallel, (from, to) -> {
                for (int r = from; r < to; r++) {
                    ReduceKernels.argmaxColumns(xs, r * axis * inner, axis, inner, 0, inner, o, r * inner);
                }
            });
        }
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public void matmul(Storage a, boolean transA, Storage b, boolean transB, Storage c, int m, int k, int n) {
        float[] as = data(a, "a");
        float[] bs = data(b, "b");
        float[] cs = data(c, "c");
        requireView(transA ? "a of [k, m] =" : "a of [m, k] =", as.length, transA ? k : m, transA ? m : k);
        requireView(transB ? "b of [n, k] =" : "b of [k, n] =", bs.length, transB ? n : k, transB ? k : n);
        requireView("c of [m, n] =", cs.length, m, n);
        requireMatmulOutput(c == a, c == b);
        Gemm.multiply(pool, as, transA, bs, transB, cs, m, k, n);
    }

    // ---------------------------------------------------------------- indexing

    @Override
    public void gather(Storage x, int outer, int axis, int inner, Storage index, Storage out) {
        float[] xs = data(x, "x");
        float[] idx = data(index, "index");
        float[] o = data(out, "out");
        requireView("x of view", xs.length, outer, axis, inner);
        requireView("index of view", idx.length, outer, inner);
        requireView("out of view", o.length, outer, inner);
        requireIndices(idx, outer, inner, axis);
        pool.run(outer, 1, (long) outer * inner >= PARALLEL_ELEMENTS,
                (from, to) -> IndexKernels.gather(xs, axis, inner, idx, o, from, to));
    }

    @Override
    public void scatterAdd(Storage src, Storage index, int outer, int axis, int inner, Storage out) {
        float[] s = data(src, "src");
        float[] idx = data(index, "index");
        float[] o = data(out, "out");
        requireView("src of view", s.length, outer, inner);
        requireView("index of view", idx.length, outer, inner);
        requireView("out of view", o.length, outer, axis, inner);
        requireIndices(idx, outer, inner, axis);
        // An out that aliases src or index would change what later elements read.
        float[] values = o == s ? Arrays.copyOf(s, outer * inner) : s;
        float[] indices = o == idx ? Arrays.copyOf(idx, outer * inner) : idx;
        pool.run(outer, 1, (long) outer * inner >= PARALLEL_ELEMENTS,
                (from, to) -> IndexKernels.scatterAdd(values, indices, axis, inner, o, from, to));
    }

    // ---------------------------------------------------------------- sorting

    @Override
    public void sort(Storage x, int rows, int length, Storage out) {
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireView("x of [rows, length] =", xs.length, rows, length);
        requireView("out of [rows, length] =", o.length, rows, length);
        pool.run(rows, 1, (long) rows * length >= PARALLEL_ELEMENTS,
                (from, to) -> IndexKernels.sort(xs, o, length, from, to));
    }

    @Override
    public void argsort(Storage x, int rows, int length, Storage out) {
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireView("x of [rows, length] =", xs.length, rows, length);
        requireView("out of [rows, length] =", o.length, rows, length);
        pool.run(rows, 1, (long) rows * length >= PARALLEL_ELEMENTS,
                (from, to) -> IndexKernels.argsort(xs, o, length, from, to));
    }

    // ---------------------------------------------------------------- random

    @Override
    public void randomUniform(Storage out, int length, long seed, long offset) {
        requireNonNegative("length", length);
        float[] o = data(out, "out");
        requireLength("out", o.length, length);
        pool.run(length, GRAIN, length >= PARALLEL_ELEMENTS, (from, to) -> {
            for (int i = from; i < to; i++) {
                o[i] = CounterRandom.uniform(seed, offset + i);
            }
        });
    }

    @Override
    public void randomNormal(Storage out, int length, long seed, long offset) {
        requireNonNegative("length", length);
        float[] o = data(out, "out");
        requireLength("out", o.length, length);
        pool.run(length, GRAIN, length >= PARALLEL_ELEMENTS, (from, to) -> {
            for (int i = from; i < to; i++) {
                o[i] = CounterRandom.normal(seed, offset + i);
            }
        });
    }

    // ---------------------------------------------------------------- fused operations

    @Override
    public void biasActivation(Storage x, Storage bias, Storage out, int rows, int cols, UnaryOp activation) {
        float[] xs = data(x, "x");
        float[] bs = data(bias, "bias");
        float[] o = data(out, "out");
        requireView("x of [rows, cols] =", xs.length, rows, cols);
        requireLength("bias of [cols]", bs.length, cols);
        requireView("out of [rows, cols] =", o.length, rows, cols);
        // Row by row, so the activation runs while the biased row is still in L1.
        pool.run(rows, 1, (long) rows * cols >= PARALLEL_ELEMENTS, (from, to) -> {
            for (int r = from; r < to; r++) {
                BinaryKernels.vv(BinaryOp.ADD, xs, r * cols, bs, 0, o, r * cols, cols);
                if (activation != null) {
                    UnaryKernels.apply(activation, o, r * cols, o, r * cols, cols);
                }
            }
        });
    }

    @Override
    public void activationGradient(UnaryOp activation, Storage y, Storage g, Storage out, int length) {
        requireNonNegative("length", length);
        float[] ys = data(y, "y");
        float[] gs = data(g, "g");
        float[] o = data(out, "out");
        requireLength("y", ys.length, length);
        requireLength("g", gs.length, length);
        requireLength("out", o.length, length);
        if (activation == null) {
            if (o != gs) {
                System.arraycopy(gs, 0, o, 0, length);
            }
            return;
        }
        if (activation != UnaryOp.TANH && activation != UnaryOp.SIGMOID && activation != UnaryOp.RELU) {
            throw new IllegalArgumentException("no fused derivative for activation " + activation
                    + " (TANH, SIGMOID, RELU or null)");
        }
        pool.run(length, GRAIN, length >= PARALLEL_ELEMENTS,
                (from, to) -> FusedKernels.activationGradient(activation, ys, gs, o, from, to));
    }

    @Override
    public void softmaxCrossEntropy(Storage logits, int outer, int classes, int inner, Storage targets,
                                    Storage loss, Storage probs) {
        float[] x = data(logits, "logits");
        float[] t = data(targets, "targets");
        float[] l = data(loss, "loss");
        float[] p = data(probs, "probs");
        requireView("logits of view", x.length, outer, classes, inner);
        requireView("targets of view", t.length, outer, inner);
        requireView("loss of view", l.length, outer, inner);
        requireView("probs of view", p.length, outer, classes, inner);
        requireIndices(t, outer, inner, classes);
        boolean parallel = (long) outer * classes * inner >= PARALLEL_ELEMENTS;
        if (inner == 1) {
            pool.run(outer, 1, parallel, (from, to) -> {
                float[] tail = new float[2 * L];
                for (int r = from; r < to; r++) {
                    l[r] = FusedKernels.softmaxCrossEntropyRow(x, r * classes, classes, (int) t[r], p, tail);
                }
            });
        } else {
            pool.run(outer, 1, parallel, (from, to) -> {
                float[] lanes = new float[L];
                float[] picked = new float[L];
                for (int r = from; r < to; r++) {
                    for (int i = 0; i < inner; i += L) {
                        VectorMask<Float> m = S.indexInRange(i, inner);
                        FusedKernels.softmaxCrossEntropyColumns(x, r * classes * inner, classes, inner, i, m, t, l,
                                r * inner, p, lanes, picked);
                    }
                }
            });
        }
    }

    @Override
    public void adamStep(Storage param, Storage grad, Storage m, Storage v, int length, float lr, float beta1,
                         float beta2, float eps, float weightDecay, int step) {
        requireNonNegative("length", length);
        float[] ps = data(param, "param");
        float[] gs = data(grad, "grad");
        float[] ms = data(m, "m");
        float[] vs = data(v, "v");
        requireLength("param", ps.length, length);
        requireLength("grad", gs.length, length);
        requireLength("m", ms.length, length);
        requireLength("v", vs.length, length);
        pool.run(length, GRAIN, length >= PARALLEL_ELEMENTS, (from, to) -> FusedKernels.adam(ps, gs, ms, vs, from,
                to, lr, beta1, beta2, eps, weightDecay, step));
    }

    // ---------------------------------------------------------------- convolution and pooling (ConvKernels)

    @Override
    public void im2col(Storage x, Window2d window, float padValue, Storage cols) {
        float[] xs = data(x, "x");
        float[] cs = data(cols, "cols");
        requireLength("x of " + window, xs.length, window.inputSize());
        requireLength("cols of " + window, cs.length, viewSize(window.batch(), window.patchSize(), window.positions()));
        if (ConvKernels.isTranspose(window)) {
            pool.run(window.batch(), 1, window.inputSize() >= PARALLEL_ELEMENTS,
                    (n0, n1) -> ConvKernels.transpose(xs, window.height(), window.width(), cs, n0, n1));
            return;
        }
        int rows = window.batch() * window.patchSize();
        pool.run(rows, 1, (long) rows * window.positions() >= PARALLEL_ELEMENTS,
                (r0, r1) -> ConvKernels.im2col(xs, window, padValue, cs, r0, r1));
    }

    @Override
    public void col2im(Storage cols, Window2d window, Storage x) {
        float[] cs = data(cols, "cols");
        float[] xs = data(x, "x");
        requireLength("cols of " + window, cs.length, viewSize(window.batch(), window.patchSize(), window.positions()));
        requireLength("x of " + window, xs.length, window.inputSize());
        int planes = window.batch() * window.channels();
        pool.run(planes, 1, window.inputSize() >= PARALLEL_ELEMENTS,
                (p0, p1) -> ConvKernels.col2im(cs, window, false, xs, p0, p1));
    }

    @Override
    public void conv2d(Storage x, Storage weight, Storage bias, Window2d window, int outChannels, Storage out) {
        float[] xs = data(x, "x");
        float[] ws = data(weight, "weight");
        float[] bs = bias == null ? null : data(bias, "bias");
        float[] os = data(out, "out");
        requireLength("x of " + window, xs.length, window.inputSize());
        requireLength("weight of " + outChannels + " x " + window.patchSize(), ws.length,
                viewSize(outChannels, window.patchSize()));
        if (bs != null) {
            requireLength("bias of " + outChannels, bs.length, outChannels);
        }
        requireLength("out of " + window.outputShape(outChannels), os.length,
                window.outputShape(outChannels).size());
        ConvKernels.conv2d(pool, xs, ws, bs, window, outChannels, os);
    }

    @Override
    public void conv2dBackwardInput(Storage gradOut, Storage weight, Window2d window, int outChannels,
                                    Storage gradIn) {
        float[] gs = data(gradOut, "gradOut");
        float[] ws = data(weight, "weight");
        float[] is = data(gradIn, "gradIn");
        requireLength("gradOut of " + window.outputShape(outChannels), gs.length,
                window.outputShape(outChannels).size());
        requireLength("weight of " + outChannels + " x " + window.patchSize(), ws.length,
                viewSize(outChannels, window.patchSize()));
        requireLength("gradIn of " + window, is.length, window.inputSize());
        ConvKernels.conv2dBackwardInput(pool, gs, ws, window, outChannels, is);
    }

    @Override
    public void conv2dBackwardWeight(Storage x, Storage gradOut, Window2d window, int outChannels,
                                     Storage gradWeight) {
        float[] xs = data(x, "x");
        float[] gs = data(gradOut, "gradOut");
        float[] ws = data(gradWeight, "gradWeight");
        requireLength("x of " + window, xs.length, window.inputSize());
        requireLength("gradOut of " + window.outputShape(outChannels), gs.length,
                window.outputShape(outChannels).size());
        requireLength("gradWeight of " + outChannels + " x " + window.patchSize(), ws.length,
                viewSize(outChannels, window.patchSize()));
        ConvKernels.conv2dBackwardWeight(pool, xs, gs, window, outChannels, ws);
    }

    @Override
    public void maxPool2d(Storage x, Window2d window, Storage out, Storage argmax) {
        float[] xs = data(x, "x");
        float[] os = data(out, "out");
        float[] as = data(argmax, "argmax");
        int count = window.outputShape(window.channels()).size();
        requireLength("x of " + window, xs.length, window.inputSize());
        requireLength("out of " + window.outputShape(window.channels()), os.length, count);
        requireLength("argmax of " + window.outputShape(window.channels()), as.length, count);
        int planes = window.batch() * window.channels();
        pool.run(planes, 1, window.inputSize() >= PARALLEL_ELEMENTS,
                (p0, p1) -> ConvKernels.maxPool(xs, window, os, as, p0, p1));
    }

    @Override
    public void maxPool2dBackward(Storage gradOut, Storage argmax, Window2d window, Storage gradIn) {
        float[] gs = data(gradOut, "gradOut");
        float[] as = data(argmax, "argmax");
        float[] is = data(gradIn, "gradIn");
        int count = window.outputShape(window.channels()).size();
        requireLength("gradOut of " + window.outputShape(window.channels()), gs.length, count);
        requireLength("argmax of " + window.outputShape(window.channels()), as.length, count);
        requireLength("gradIn of " + window, is.length, window.inputSize());
        int planes = window.batch() * window.channels();
        pool.run(planes, 1, window.inputSize() >= PARALLEL_ELEMENTS,
                (p0, p1) -> ConvKernels.maxPoolBackward(gs, as, window, is, p0, p1));
    }

    /** Stops the worker threads; every storage then counts as released. Idempotent. */
    @Override
    public void close() {
        closed = true;
        buffers.clear();
        pool.close();
    }

    // ---------------------------------------------------------------- argument checks

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the vector backend is closed");
        }
    }

    private HeapStorage own(Storage storage, String what) {
        if (storage == null) {
            throw new NullPointerException(what + " is null");
        }
        if (!(storage instanceof HeapStorage s) || s.owner() != this) {
            throw new IllegalArgumentException(what + " (" + storage + ") was not allocated by this vector backend");
        }
        return s;
    }

    private float[] data(Storage storage, String what) {
        checkOpen();
        float[] data = own(storage, what).data();
        if (data == null) {
            throw new IllegalStateException(what + " has been released");
        }
        return data;
    }
}
