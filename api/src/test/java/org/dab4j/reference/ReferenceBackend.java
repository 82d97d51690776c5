package org.dab4j.reference;

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
import java.util.Comparator;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.CounterRandom;
import org.dab4j.tensor.ReduceOp;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Storage;
import org.dab4j.tensor.UnaryOp;

/**
 * The plainest scalar implementation of {@link Backend}: one loop per operation on heap {@code float[]}
 * storages, written to be obviously correct rather than fast. It is the oracle of the conformance suite.
 *
 * <p>Every operation computes its result into a fresh array before writing the output, so any aliasing
 * the contract allows gives the same answer as none. Sums and matrix products accumulate in {@code double}
 * and round once, so the oracle is at least as accurate as any float backend it judges.
 *
 * <p>Choices where the contract leaves room: {@link #sort} and {@link #argsort} order values by
 * {@link Float#compare}, so {@code -0.0} sorts before {@code 0.0} and every NaN sorts last (NaNs keep their
 * order in {@code argsort}); {@link #argmax} returns the first NaN if there is one. The fused {@code default}
 * methods are deliberately not overridden: their composition of these primitives is the oracle for fused
 * kernels.
 */
public final class ReferenceBackend implements Backend {
    /** Float.compare's order: -0.0 before 0.0 and NaN after +infinity. */
    private static final Comparator<Float> SORT_ORDER = Float::compare;

    private boolean closed;

    @Override
    public String name() {
        return ReferenceBackendProvider.NAME;
    }

    @Override
    public String description() {
        return "scalar Java reference, 1 thread";
    }

    boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- scalar semantics

    /** The value of {@code op} at {@code x}, exactly as this backend computes it. */
    public static float apply(UnaryOp op, float x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-(double) x)));
            case RELU -> Float.isNaN(x) ? x : (x > 0f ? x : 0f);
            case SIGN -> Math.signum(x);
            case ROUND -> (float) Math.rint(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1f / x;
        };
    }

    /** The value of {@code op} at {@code (a, b)}, exactly as this backend computes it. */
    public static float apply(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> (float) Math.pow(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case GT -> a > b ? 1f : 0f;
            case GE -> a >= b ? 1f : 0f;
            case LT -> a < b ? 1f : 0f;
            case LE -> a <= b ? 1f : 0f;
            case EQ -> a == b ? 1f : 0f;
        };
    }

    // ---------------------------------------------------------------- memory

    @Override
    public Storage allocate(int length) {
        checkOpen();
        requireNonNegative("length", length);
        return new ReferenceStorage(this, length);
    }

    /** Also allowed after {@link #close}, so scopes that outlive the backend can still clean up. */
    @Override
    public void release(Storage storage) {
        own(storage, "storage").markReleased();
    }

    @Override
    public void upload(float[] src, int srcOffset, Storage dst, int dstOffset, int length) {
        requireNonNegative("length", length);
        requireRange("host array src", src.length, srcOffset, length);
        float[] d = data(dst, "dst");
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
        requireDisjointCopy(src == dst, srcOffset, dstOffset, length);
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
        for (int i = 0; i < length; i++) {
            o[i] = apply(op, xs[i]);
        }
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
        int[] dims = outShape.toArray();
        int[] aStrides = broadcastStrides(aShape, dims.length);
        int[] bStrides = broadcastStrides(bShape, dims.length);
        int[] index = new int[dims.length];
        float[] result = new float[outShape.size()];
        for (int i = 0; i < result.length; i++) {
            int ai = 0;
            int bi = 0;
            for (int d = 0; d < dims.length; d++) {
                ai += index[d] * aStrides[d];
                bi += index[d] * bStrides[d];
            }
            result[i] = apply(op, as[ai], bs[bi]);
            for (int d = dims.length - 1; d >= 0; d--) {
                if (++index[d] < dims[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        System.arraycopy(result, 0, o, 0, result.length);
    }

    /** Row-major strides of {@code shape} right-aligned to {@code rank} dimensions, 0 where it broadcasts. */
    private static int[] broadcastStrides(Shape shape, int rank) {
        int[] dims = shape.toArray();
        int[] strides = new int[rank];
        int stride = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            strides[rank - dims.length + d] = dims[d] == 1 ? 0 : stride;
            stride *= dims[d];
        }
        return strides;
    }

    @Override
    public void binaryScalar(BinaryOp op, Storage a, float scalar, Storage out, int length) {
        requireNonNegative("length", length);
        float[] as = data(a, "a");
        float[] o = data(out, "out");
        requireLength("a", as.length, length);
        requireLength("out", o.length, length);
        for (int i = 0; i < length; i++) {
            o[i] = apply(op, as[i], scalar);
        }
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
        for (int i = 0; i < length; i++) {
            // A NaN condition is != 0, hence true, as the contract says.
            o[i] = c[i] != 0f ? as[i] : bs[i];
        }
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int axis, int inner, Storage out) {
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireView("x of view", xs.length, outer, axis, inner);
        requireView("out of view", o.length, outer, inner);
        float[] result = new float[outer * inner];
        for (int p = 0; p < outer; p++) {
            for (int i = 0; i < inner; i++) {
                result[p * inner + i] = switch (op) {
                    case SUM -> {
                        double sum = 0;
                        for (int j = 0; j < axis; j++) {
                            sum += xs[(p * axis + j) * inner + i];
                        }
                        yield (float) sum;
                    }
                    case MAX -> {
                        float max = Float.NEGATIVE_INFINITY;
                        for (int j = 0; j < axis; j++) {
                            max = Math.max(max, xs[(p * axis + j) * inner + i]);
                        }
                        yield max;
                    }
                };
            }
        }
        System.arraycopy(result, 0, o, 0, result.length);
    }

    @Override
    public void argmax(Storage x, int outer, int axis, int inner, Storage out) {
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireView("x of view", xs.length, outer, axis, inner);
        requireView("out of view", o.length, outer, inner);
        requireArgmaxAxis(outer, axis, inner);
        float[] result = new float[outer * inner];
        for (int p = 0; p < outer; p++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                float bestValue = xs[p * axis * inner + i];
                for (int j = 1; j < axis && !Float.isNaN(bestValue); j++) {
                    float v = xs[(p * axis + j) * inner + i];
                    if (Float.isNaN(v) || v > bestValue) {
                        best = j;
                        bestValue = v;
                    }
                }
                result[p * inner + i] = best;
            }
        }
        System.arraycopy(result, 0, o, 0, result.length);
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    public void matmul(Storage a, boolean transA, Storage b, boolean transB, Storage c, int m, int k, int n) {
        float[] as = data(a, "a");
        float[] bs = data(b, "b");
        float[] cs = data(c, "c");
        requireLength("a of " + (transA ? "[k, m] = " + Shape.of(k, m) : "[m, k] = " + Shape.of(m, k)), as.length,
                viewSize(m, k));
        requireLength("b of " + (transB ? "[n, k] = " + Shape.of(n, k) : "[k, n] = " + Shape.of(k, n)), bs.length,
                viewSize(k, n));
        requireLength("c of [m, n] = " + Shape.of(m, n), cs.length, viewSize(m, n));
        requireMatmulOutput(c == a, c == b);
        for (int r = 0; r < m; r++) {
            for (int col = 0; col < n; col++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? as[p * m + r] : as[r * k + p];
                    float bv = transB ? bs[col * k + p] : bs[p * n + col];
                    sum += (double) av * bv;
                }
                cs[r * n + col] = (float) sum;
            }
        }
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
        float[] result = new float[outer * inner];
        for (int p = 0; p < outer; p++) {
            for (int i = 0; i < inner; i++) {
                int j = (int) idx[p * inner + i];
                result[p * inner + i] = xs[(p * axis + j) * inner + i];
            }
        }
        System.arraycopy(result, 0, o, 0, result.length);
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
        // Copies first, so an out that aliases src or index does not change what is read.
        float[] values = Arrays.copyOf(s, outer * inner);
        float[] indices = Arrays.copyOf(idx, outer * inner);
        int[] targets = new int[indices.length];
        for (int p = 0; p < outer; p++) {
            for (int i = 0; i < inner; i++) {
                targets[p * inner + i] = (p * axis + (int) indices[p * inner + i]) * inner + i;
            }
        }
        for (int e = 0; e < targets.length; e++) {
            o[targets[e]] += values[e];
        }
    }

    // ---------------------------------------------------------------- sorting

    @Override
    public void sort(Storage x, int rows, int length, Storage out) {
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireView("x of [rows, length] =", xs.length, rows, length);
        requireView("out of [rows, length] =", o.length, rows, length);
        for (int r = 0; r < rows; r++) {
            Float[] row = row(xs, r, length);
            Arrays.sort(row, SORT_ORDER);
            for (int j = 0; j < length; j++) {
                o[r * length + j] = row[j];
            }
        }
    }

    @Override
    public void argsort(Storage x, int rows, int length, Storage out) {
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireView("x of [rows, length] =", xs.length, rows, length);
        requireView("out of [rows, length] =", o.length, rows, length);
        for (int r = 0; r < rows; r++) {
            Float[] row = row(xs, r, length);
            Integer[] order = new Integer[length];
            for (int j = 0; j < length; j++) {
                order[j] = j;
            }
            // Arrays.sort on objects is a stable merge sort, so equal values keep their order.
            Arrays.sort(order, (p, q) -> SORT_ORDER.compare(row[p], row[q]));
            for (int j = 0; j < length; j++) {
                o[r * length + j] = order[j];
            }
        }
    }

    private static Float[] row(float[] xs, int r, int length) {
        Float[] row = new Float[length];
        for (int j = 0; j < length; j++) {
            row[j] = xs[r * length + j];
        }
        return row;
    }

    // ---------------------------------------------------------------- random

    @Override
    public void randomUniform(Storage out, int length, long seed, long offset) {
        requireNonNegative("length", length);
        float[] o = data(out, "out");
        requireLength("out", o.length, length);
        for (int i = 0; i < length; i++) {
            o[i] = CounterRandom.uniform(seed, offset + i);
        }
    }

    @Override
    public void randomNormal(Storage out, int length, long seed, long offset) {
        requireNonNegative("length", length);
        float[] o = data(out, "out");
        requireLength("out", o.length, length);
        for (int i = 0; i < length; i++) {
            o[i] = CounterRandom.normal(seed, offset + i);
        }
    }

    /** Marks the backend closed; every storage it allocated then counts as released. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    // ---------------------------------------------------------------- argument checks

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the reference backend is closed");
        }
    }

    private ReferenceStorage own(Storage storage, String what) {
        if (storage == null) {
            throw new NullPointerException(what + " is null");
        }
        if (!(storage instanceof ReferenceStorage s) || s.owner() != this) {
            throw new IllegalArgumentException(what + " (" + storage + ") was not allocated by this reference backend");
        }
        return s;
    }

    private float[] data(Storage storage, String what) {
        checkOpen();
        ReferenceStorage s = own(storage, what);
        if (s.isReleased()) {
            throw new IllegalStateException(what + " has been released");
        }
        return s.data();
    }
}
