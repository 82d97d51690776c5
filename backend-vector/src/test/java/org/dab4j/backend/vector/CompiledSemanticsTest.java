package org.dab4j.backend.vector;

import java.util.SplittableRandom;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * Vector API calls run as plain Java (Math semantics) until C2 compiles them; only then do the lanewise
 * transcendentals call SVML, whose special cases follow C rather than Java (pow(1, NaN) is 1 in C, NaN in
 * Java). Calling each SVML-backed kernel until it is hot checks the compiled form against the reference on
 * special values; the kernels are called directly because the backend around them would take too long to
 * get hot.
 */
class CompiledSemanticsTest {
    /** Five full vectors of the widest species plus a masked tail. */
    private static final int LENGTH = 5 * 16 + 7;
    /**
     * Calls per kernel: C2 usually compiles a kernel loop within 10 to 25 thousand calls here. When a loaded
     * machine compiles later the test checks less, never wrongly: every call is checked, compiled or not.
     */
    private static final int REPEATS = 30_000;

    @Test
    void transcendentalUnaryOpsKeepJavaSemanticsOnceCompiled() {
        SplittableRandom random = new SplittableRandom(11);
        float[] x = Pair.withSpecials(random, LENGTH);
        float[] y = new float[LENGTH];
        for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH}) {
            float[] expected = new float[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                expected[i] = ReferenceBackend.apply(op, x[i]);
            }
            for (int r = 0; r < REPEATS; r++) {
                UnaryKernels.apply(op, x, 0, y, 0, LENGTH);
                Pair.assertClose(expected, y, 3e-7, op + " call " + r);
            }
        }
    }

    @Test
    void powKeepsJavaSemanticsOnceCompiledInEveryOperandForm() {
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f, 2f,
            0.5f, -2f, -0.5f, 3f, -3f, 1e-40f};
        float[] a = new float[LENGTH];
        float[] b = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            a[i] = specials[i % specials.length];
            b[i] = specials[i / specials.length % specials.length];
        }
        float[] c = new float[LENGTH];
        float[] expected = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            expected[i] = ReferenceBackend.apply(BinaryOp.POW, a[i], b[i]);
        }
        for (int r = 0; r < REPEATS; r++) {
            BinaryKernels.vv(BinaryOp.POW, a, 0, b, 0, c, 0, LENGTH);
            Pair.assertClose(expected, c, 3e-7, "vector ^ vector, call " + r);
        }
        for (float s : specials) {
            float[] vs = new float[LENGTH];
            float[] sv = new float[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                vs[i] = ReferenceBackend.apply(BinaryOp.POW, a[i], s);
                sv[i] = ReferenceBackend.apply(BinaryOp.POW, s, a[i]);
            }
            for (int r = 0; r < REPEATS / specials.length; r++) {
                BinaryKernels.vs(BinaryOp.POW, a, 0, s, c, 0, LENGTH);
                Pair.assertClose(vs, c, 3e-7, "vector ^ " + s + ", call " + r);
                BinaryKernels.sv(BinaryOp.POW, s, a, 0, c, 0, LENGTH);
                Pair.assertClose(sv, c, 3e-7, s + " ^ vector, call " + r);
            }
        }
    }
}
