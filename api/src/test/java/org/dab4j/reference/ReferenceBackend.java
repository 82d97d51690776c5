package org.dab4j.reference;

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
        requireLength("dst", d, length);
        Arrays.fill(d, 0, length, value);
    }

    @Override
    public void copy(Storage src, int srcOffset, Storage dst, int dstOffset, int length) {
        requireNonNegative("length", length);
        float[] s = data(src, "src");
        float[] d = data(dst, "dst");
        requireRange("src", s.length, srcOffset, length);
        requireRange("dst", d.length, dstOffset, length);
        if (src == dst && length > 0 && srcOffset < dstOffset + length && dstOffset < srcOffset + length) {
            throw new IllegalArgumentException("copy ranges overlap: [" + srcOffset + ", " + (srcOffset + length)
                    + ") and [" + dstOffset + ", " + (dstOffset + length) + ") of the same storage");
        }
        System.arraycopy(s, srcOffset, d, dstOffset, length);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length) {
        requireNonNegative("length", length);
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireLength("x", xs, length);
        requireLength("out", o, length);
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
        requireLength("a of shape " + aShape, as, aShape.size());
        requireLength("b of shape " + bShape, bs, bShape.size());
        requireLength("out of broadcast shape " + outShape, o, outShape.size());
        if (out == a && !aShape.equals(outShape)) {
            throw new IllegalArgumentException("out aliases a, whose shape " + aShape
                    + " differs from the broadcast shape " + outShape);
        }
        if (out == b && !bShape.equals(outShape)) {
            throw new IllegalArgumentException("out aliases b, whose shape " + bShape
                    + " differs from the broadcast shape " + outShape);
        }
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
        requireLength("a", as, length);
        requireLength("out", o, length);
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
        requireLength("cond", c, length);
        requireLength("a", as, length);
        requireLength("b", bs, length);
        requireLength("out", o, length);
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
        requireLength("x of view [" + outer + ", " + axis + ", " + inner + "]", xs, size(outer, axis, inner));
        requireLength("out of view [" + outer + ", " + inner + "]", o, size(outer, inner));
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
        requireLength("x of view [" + outer + ", " + axis + ", " + inner + "]", xs, size(outer, axis, inner));
        requireLength("out of view [" + outer + ", " + inner + "]", o, size(outer, inner));
        if (axis == 0 && outer * inner > 0) {
            throw new IllegalArgumentException("argmax of an empty axis (view [" + outer + ", 0, " + inner + "])");
        }
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
        requireLength("a of " + (transA ? "[k, m] = " + Shape.of(k, m) : "[m, k] = " + Shape.of(m, k)), as, size(m, k));
        requireLength("b of " + (transB ? "[n, k] = " + Shape.of(n, k) : "[k, n] = " + Shape.of(k, n)), bs, size(k, n));
        requireLength("c of [m, n] = " + Shape.of(m, n), cs, size(m, n));
        if (c == a || c == b) {
            throw new IllegalArgumentException("matmul output c aliases " + (c == a ? "a" : "b"));
        }
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
        requireLength("x of view [" + outer + ", " + axis + ", " + inner + "]", xs, size(outer, axis, inner));
        requireLength("index of view [" + outer + ", " + inner + "]", idx, size(outer, inner));
        requireLength("out of view [" + outer + ", " + inner + "]", o, size(outer, inner));
        float[] result = new float[outer * inner];
        for (int p = 0; p < outer; p++) {
            for (int i = 0; i < inner; i++) {
                int j = checkIndex(idx[p * inner + i], p, i, axis);
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
        requireLength("src of view [" + outer + ", " + inner + "]", s, size(outer, inner));
        requireLength("index of view [" + outer + ", " + inner + "]", idx, size(outer, inner));
        requireLength("out of view [" + outer + ", " + axis + ", " + inner + "]", o, size(outer, axis, inner));
        // Copies first, so an out that aliases src or index does not change what is read.
        float[] values = Arrays.copyOf(s, outer * inner);
        float[] indices = Arrays.copyOf(idx, outer * inner);
        int[] targets = new int[indices.length];
        for (int p = 0; p < outer; p++) {
            for (int i = 0; i < inner; i++) {
                targets[p * inner + i] = (p * axis + checkIndex(indices[p * inner + i], p, i, axis)) * inner + i;
            }
        }
        for (int e = 0; e < targets.length; e++) {
            o[targets[e]] += values[e];
        }
    }

    private static int checkIndex(float value, int p, int i, int axis) {
        if (!(value >= 0f && value < axis && value == Math.rint(value))) {
            throw new IndexOutOfBoundsException("index " + value + " at [outer " + p + ", inner " + i
                    + "] is not an integer in [0, " + axis + ")");
        }
        return (int) value;
    }

    // ---------------------------------------------------------------- sorting

    @Override
    public void sort(Storage x, int rows, int length, Storage out) {
        float[] xs = data(x, "x");
        float[] o = data(out, "out");
        requireLength("x of [rows, length] = [" + rows + ", " + length + "]", xs, size(rows, length));
        requireLength("out of [rows, length] = [" + rows + ", " + length + "]", o, size(rows, length));
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
        requireLength("x of [rows, length] = [" + rows + ", " + length + "]", xs, size(rows, length));
        requireLength("out of [rows, length] = [" + rows + ", " + length + "]", o, size(rows, length));
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
        requireLength("out", o, length);
        for (int i = 0; i < length; i++) {
            o[i] = CounterRandom.uniform(seed, offset + i);
        }
    }

    @Override
    public void randomNormal(Storage out, int length, long seed, long offset) {
        requireNonNegative("length", length);
        float[] o = data(out, "out");
        requireLength("out", o, length);
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

    private static void requireNonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
    }

    private static void requireLength(String what, float[] data, long needed) {
        if (data.length < needed) {
            throw new IllegalArgumentException(what + " needs " + needed + " floats but the storage holds " + data.length);
        }
    }

    private static void requireRange(String what, int capacity, int offset, int length) {
        if (offset < 0 || offset > capacity - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + ((long) offset + length) + ") is outside "
                    + what + " of length " + capacity);
        }
    }

    /** The product of view dimensions, each checked non-negative; a long, so an overflowing view is caught. */
    private static long size(int... dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in view " + Arrays.toString(dims));
            }
            n = Math.min(n * d, 1L << 32);
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("view " + Arrays.toString(dims) + " has more than 2^31-1 elements");
        }
        return n;
    }
}
