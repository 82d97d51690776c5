package org.dab4j.backend.vector;

import static org.dab4j.backend.vector.Simd.L;
import static org.dab4j.backend.vector.Simd.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Reductions of the middle axis of {@code x} viewed as {@code [outer, axis, inner]}. A contiguous axis
 * ({@code inner == 1}) is reduced along itself with several accumulators; otherwise each vector of
 * {@code inner} columns is carried down the axis, one row at a time. Each result is accumulated in an order
 * fixed by the shape alone, so how the work is split over threads never changes it.
 */
final class ReduceKernels {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    private ReduceKernels() {
    }

    /** The sum of {@code x[off, off + n)}; 0 when empty. */
    static float sum(float[] x, int off, int n) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        int i = 0;
        // Four independent chains hide the add latency.
        for (int bound = n - n % (4 * L); i < bound; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, off + i));
            s1 = s1.add(FloatVector.fromArray(S, x, off + i + L));
            s2 = s2.add(FloatVector.fromArray(S, x, off + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, x, off + i + 3 * L));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            s0 = s0.add(FloatVector.fromArray(S, x, off + i));
        }
        if (i < n) {
            s0 = s0.add(FloatVector.fromArray(S, x, off + i, S.indexInRange(i, n)));
        }
        return VectorMath.sumLanes(s0.add(s1).add(s2.add(s3)));
    }

    /** The maximum of {@code x[off, off + n)} as Math.max folds it (NaN wins); -inf when empty. */
    static float max(float[] x, int off, int n) {
        FloatVector m0 = FloatVector.broadcast(S, NEG_INF);
        FloatVector m1 = m0;
        FloatVector m2 = m0;
        FloatVector m3 = m0;
        int i = 0;
        for (int bound = n - n % (4 * L); i < bound; i += 4 * L) {
            m0 = m0.max(FloatVector.fromArray(S, x, off + i));
            m1 = m1.max(FloatVector.fromArray(S, x, off + i + L));
            m2 = m2.max(FloatVector.fromArray(S, x, off + i + 2 * L));
            m3 = m3.max(FloatVector.fromArray(S, x, off + i + 3 * L));
        }
        for (int bound = S.loopBound(n); i < bound; i += L) {
            m0 = m0.max(FloatVector.fromArray(S, x, off + i));
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            m0 = m0.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, off + i, m), m);
        }
        return m0.max(m1).max(m2.max(m3)).reduceLanes(VectorOperators.MAX);
    }

    /** The index of the first maximum of {@code x[off, off + n)} (the first NaN if any); n must be positive. */
    static int argmax(float[] x, int off, int n) {
        float max = max(x, off, n);
        boolean nan = Float.isNaN(max);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            VectorMask<Float> hit = nan ? v.test(VectorOperators.IS_NAN) : v.compare(VectorOperators.EQ, max);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        VectorMask<Float> m = S.indexInRange(i, n);
        FloatVector v = FloatVector.fromArray(S, x, off + i, m);
        VectorMask<Float> hit = (nan ? v.test(VectorOperators.IS_NAN) : v.compare(VectorOperators.EQ, max)).and(m);
        return i + hit.firstTrue();
    }

    /**
     * {@code out[oo + i] = sum over a of x[off + a*inner + i]} for columns {@code i} in {@code [from, to)}: eight
     * vectors of columns at a time go down the rows together, eight independent add chains (one chain alone
     * waits on the add's latency at every row: [1024, 1024] took 222 µs that way, 30 µs so), then the rest one
     * vector at a time. Every column is summed from row 0 down either way.
     */
    static void sumColumns(float[] x, int off, int axis, int inner, int from, int to, float[] out, int oo) {
        int i = from;
        for (int bound = to - 8 * L; i <= bound; i += 8 * L) {
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            FloatVector s4 = s0;
            FloatVector s5 = s0;
            FloatVector s6 = s0;
            FloatVector s7 = s0;
            for (int a = 0; a < axis; a++) {
                int p = off + a * inner + i;
                s0 = s0.add(FloatVector.fromArray(S, x, p));
                s1 = s1.add(FloatVector.fromArray(S, x, p + L));
                s2 = s2.add(FloatVector.fromArray(S, x, p + 2 * L));
                s3 = s3.add(FloatVector.fromArray(S, x, p + 3 * L));
                s4 = s4.add(FloatVector.fromArray(S, x, p + 4 * L));
                s5 = s5.add(FloatVector.fromArray(S, x, p + 5 * L));
                s6 = s6.add(FloatVector.fromArray(S, x, p + 6 * L));
                s7 = s7.add(FloatVector.fromArray(S, x, p + 7 * L));
            }
            s0.intoArray(out, oo + i);
            s1.intoArray(out, oo + i + L);
            s2.intoArray(out, oo + i + 2 * L);
            s3.intoArray(out, oo + i + 3 * L);
            s4.intoArray(out, oo + i + 4 * L);
            s5.intoArray(out, oo + i + 5 * L);
            s6.intoArray(out, oo + i + 6 * L);
            s7.intoArray(out, oo + i + 7 * L);
        }
        for (; i < to; i += L) {
            VectorMask<Float> m = S.indexInRange(i, to);
            FloatVector s = FloatVector.zero(S);
            for (int a = 0; a < axis; a++) {
                s = s.add(FloatVector.fromArray(S, x, off + a * inner + i, m));
            }
            s.intoArray(out, oo + i, m);
        }
    }

    /** {@code out[oo + i] = max over a of x[off + a*inner + i]} for columns {@code i} in {@code [from, to)}. */
    static void maxColumns(float[] x, int off, int axis, int inner, int from, int to, float[] out, int oo) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector s = FloatVector.broadcast(S, NEG_INF);
            for (int a = 0; a < axis; a++) {
                s = s.max(FloatVector.fromArray(S, x, off + a * inner + i));
            }
            s.intoArray(out, oo + i);
        }
        if (i < to) {
            VectorMask<Float> m = S.indexInRange(i, to);
            FloatVector s = FloatVector.broadcast(S, NEG_INF);
            for (int a = 0; a < axis; a++) {
                s = s.max(FloatVector.fromArray(S, x, off + a * inner + i, m));
            }
            s.intoArray(out, oo + i, m);
        }
    }

    /**
     * {@code out[oo + i]} = the index of the first maximum over a of {@code x[off + a*inner + i]} (the first NaN
     * if any) for columns {@code i} in {@code [from, to)}; axis must be positive.
     */
    static void argmaxColumns(float[] x, int off, int axis, int inner, int from, int to, float[] out, int oo) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            argmaxColumns(x, off, axis, inner, i, S.maskAll(true), out, oo);
        }
        if (i < to) {
            argmaxColumns(x, off, axis, inner, i, S.indexInRange(i, to), out, oo);
        }
    }

    private static void argmaxColumns(float[] x, int off, int axis, int inner, int i, VectorMask<Float> m,
                                      float[] out, int oo) {
        FloatVector best = FloatVector.fromArray(S, x, off + i, m);
        FloatVector index = FloatVector.zero(S);
        for (int a = 1; a < axis; a++) {
            FloatVector v = FloatVector.fromArray(S, x, off + a * inner + i, m);
            // Strictly greater keeps the first maximum; a NaN replaces anything but an earlier NaN.
            VectorMask<Float> better = v.compare(VectorOperators.GT, best)
                    .or(v.test(VectorOperators.IS_NAN).andNot(best.test(VectorOperators.IS_NAN)));
            best = best.blend(v, better);
            index = index.blend((float) a, better);
        }
        index.intoArray(out, oo + i, m);
    }
}
