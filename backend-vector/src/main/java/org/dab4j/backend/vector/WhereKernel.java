package org.dab4j.backend.vector;

import static org.dab4j.backend.vector.Simd.L;
import static org.dab4j.backend.vector.Simd.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/** {@code out[i] = cond[i] != 0 ? a[i] : b[i]}. */
final class WhereKernel {
    private WhereKernel() {
    }

    /** Selects over {@code [from, to)}; a NaN condition fails {@code == 0} and so counts as true. */
    static void where(float[] cond, float[] a, float[] b, float[] out, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            VectorMask<Float> zero = FloatVector.fromArray(S, cond, i).compare(VectorOperators.EQ, 0f);
            FloatVector.fromArray(S, a, i).blend(FloatVector.fromArray(S, b, i), zero).intoArray(out, i);
        }
        if (i < to) {
            VectorMask<Float> m = S.indexInRange(i, to);
            VectorMask<Float> zero = FloatVector.fromArray(S, cond, i, m).compare(VectorOperators.EQ, 0f);
            FloatVector.fromArray(S, a, i, m).blend(FloatVector.fromArray(S, b, i, m), zero).intoArray(out, i, m);
        }
    }
}
