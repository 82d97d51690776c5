package org.dab4j.backend.vector;

import static org.dab4j.backend.vector.Simd.L;
import static org.dab4j.backend.vector.Simd.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.dab4j.tensor.BinaryOp;

/**
 * {@code c = op(a, b)} over {@code n} floats, with each operand either a run of floats (V) or one scalar (S).
 * Each op and operand form has its own loop so that C2 sees a constant operator; full vectors first, then one
 * masked vector for the tail. POW alone goes element by element through Math.pow (see {@link #powVV}).
 */
final class BinaryKernels {
    private BinaryKernels() {
    }

    /** {@code c[co+i] = op(a[ao+i], b[bo+i])}. */
    static void vv(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        switch (op) {
            case ADD -> addVV(a, ao, b, bo, c, co, n);
            case SUB -> subVV(a, ao, b, bo, c, co, n);
            case MUL -> mulVV(a, ao, b, bo, c, co, n);
            case DIV -> divVV(a, ao, b, bo, c, co, n);
            case POW -> powVV(a, ao, b, bo, c, co, n);
            case MAX -> maxVV(a, ao, b, bo, c, co, n);
            case MIN -> minVV(a, ao, b, bo, c, co, n);
            case GT -> gtVV(a, ao, b, bo, c, co, n);
            case GE -> geVV(a, ao, b, bo, c, co, n);
            case LT -> ltVV(a, ao, b, bo, c, co, n);
            case LE -> leVV(a, ao, b, bo, c, co, n);
            case EQ -> eqVV(a, ao, b, bo, c, co, n);
        }
    }

    /** {@code c[co+i] = op(a[ao+i], s)}. */
    static void vs(BinaryOp op, float[] a, int ao, float s, float[] c, int co, int n) {
        switch (op) {
            case ADD -> addVS(a, ao, s, c, co, n);
            case SUB -> subVS(a, ao, s, c, co, n);
            case MUL -> mulVS(a, ao, s, c, co, n);
            case DIV -> divVS(a, ao, s, c, co, n);
            case POW -> powVS(a, ao, s, c, co, n);
            case MAX -> maxVS(a, ao, s, c, co, n);
            case MIN -> minVS(a, ao, s, c, co, n);
            case GT -> gtVS(a, ao, s, c, co, n);
            case GE -> geVS(a, ao, s, c, co, n);
            case LT -> ltVS(a, ao, s, c, co, n);
            case LE -> leVS(a, ao, s, c, co, n);
            case EQ -> eqVS(a, ao, s, c, co, n);
        }
    }

    /** {@code c[co+i] = op(s, b[bo+i])}; symmetric ops and mirrored comparisons reuse the vector-scalar loops. */
    static void sv(BinaryOp op, float s, float[] b, int bo, float[] c, int co, int n) {
        switch (op) {
            case SUB -> subSV(s, b, bo, c, co, n);
            case DIV -> divSV(s, b, bo, c, co, n);
            case POW -> powSV(s, b, bo, c, co, n);
            case ADD -> addVS(b, bo, s, c, co, n);
            case MUL -> mulVS(b, bo, s, c, co, n);
            case MAX -> maxVS(b, bo, s, c, co, n);
            case MIN -> minVS(b, bo, s, c, co, n);
            case GT -> ltVS(b, bo, s, c, co, n);
            case GE -> leVS(b, bo, s, c, co, n);
            case LT -> gtVS(b, bo, s, c, co, n);
            case LE -> geVS(b, bo, s, c, co, n);
            case EQ -> eqVS(b, bo, s, c, co, n);
        }
    }

    /** 1 where the comparison held, else 0 (comparisons with NaN never hold). */
    private static FloatVector bool(VectorMask<Float> m) {
        return FloatVector.zero(S).blend(1f, m);
    }

    private static void addVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.add(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            x.add(y).intoArray(c, co + i, m);
        }
    }

    private static void subVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.sub(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            x.sub(y).intoArray(c, co + i, m);
        }
    }

    private static void mulVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.mul(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            x.mul(y).intoArray(c, co + i, m);
        }
    }

    private static void divVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.div(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            x.div(y).intoArray(c, co + i, m);
        }
    }

    /**
     * Math.pow one element at a time: a vector pow would either differ in its last bits between the JIT tiers
     * (the lanewise POW) or need double precision to stay accurate, and Java's special cases come for free.
     */
    private static void powVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        for (int i = 0; i < n; i++) {
            c[co + i] = (float) Math.pow(a[ao + i], b[bo + i]);
        }
    }

    private static void maxVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.max(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            x.max(y).intoArray(c, co + i, m);
        }
    }

    private static void minVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.min(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            x.min(y).intoArray(c, co + i, m);
        }
    }

    private static void gtVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            bool(x.compare(VectorOperators.GT, y)).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            bool(x.compare(VectorOperators.GT, y)).intoArray(c, co + i, m);
        }
    }

    private static void geVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            bool(x.compare(VectorOperators.GE, y)).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            bool(x.compare(VectorOperators.GE, y)).intoArray(c, co + i, m);
        }
    }

    private static void ltVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            bool(x.compare(VectorOperators.LT, y)).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            bool(x.compare(VectorOperators.LT, y)).intoArray(c, co + i, m);
        }
    }

    private static void leVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            bool(x.compare(VectorOperators.LE, y)).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            bool(x.compare(VectorOperators.LE, y)).intoArray(c, co + i, m);
        }
    }

    private static void eqVV(float[] a, int ao, float[] b, int bo, float[] c, int co, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            bool(x.compare(VectorOperators.EQ, y)).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            bool(x.compare(VectorOperators.EQ, y)).intoArray(c, co + i, m);
        }
    }

    private static void addVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            x.add(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            x.add(y).intoArray(c, co + i, m);
        }
    }

    private static void subVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            x.sub(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            x.sub(y).intoArray(c, co + i, m);
        }
    }

    private static void mulVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            x.mul(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            x.mul(y).intoArray(c, co + i, m);
        }
    }

    private static void divVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            x.div(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            x.div(y).intoArray(c, co + i, m);
        }
    }

    private static void powVS(float[] a, int ao, float s, float[] c, int co, int n) {
        for (int i = 0; i < n; i++) {
            c[co + i] = (float) Math.pow(a[ao + i], s);
        }
    }

    private static void maxVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            x.max(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            x.max(y).intoArray(c, co + i, m);
        }
    }

    private static void minVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            x.min(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            x.min(y).intoArray(c, co + i, m);
        }
    }

    private static void gtVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            bool(x.compare(VectorOperators.GT, y)).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            bool(x.compare(VectorOperators.GT, y)).intoArray(c, co + i, m);
        }
    }

    private static void geVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            bool(x.compare(VectorOperators.GE, y)).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            bool(x.compare(VectorOperators.GE, y)).intoArray(c, co + i, m);
        }
    }

    private static void ltVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            bool(x.compare(VectorOperators.LT, y)).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            bool(x.compare(VectorOperators.LT, y)).intoArray(c, co + i, m);
        }
    }

    private static void leVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            bool(x.compare(VectorOperators.LE, y)).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            bool(x.compare(VectorOperators.LE, y)).intoArray(c, co + i, m);
        }
    }

    private static void eqVS(float[] a, int ao, float s, float[] c, int co, int n) {
        FloatVector y0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + i);
            FloatVector y = y0;
            bool(x.compare(VectorOperators.EQ, y)).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
            FloatVector y = y0;
            bool(x.compare(VectorOperators.EQ, y)).intoArray(c, co + i, m);
        }
    }

    private static void subSV(float s, float[] b, int bo, float[] c, int co, int n) {
        FloatVector x0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = x0;
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.sub(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = x0;
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            x.sub(y).intoArray(c, co + i, m);
        }
    }

    private static void divSV(float s, float[] b, int bo, float[] c, int co, int n) {
        FloatVector x0 = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector x = x0;
            FloatVector y = FloatVector.fromArray(S, b, bo + i);
            x.div(y).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector x = x0;
            FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
            x.div(y).intoArray(c, co + i, m);
        }
    }

    private static void powSV(float s, float[] b, int bo, float[] c, int co, int n) {
        for (int i = 0; i < n; i++) {
            c[co + i] = (float) Math.pow(s, b[bo + i]);
        }
    }
}
