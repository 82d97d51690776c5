package org.dab4j.backend.vector;

import static org.dab4j.backend.vector.Simd.L;
import static org.dab4j.backend.vector.Simd.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import jdk.incubator.vector.FloatVector;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The accuracy and special values of {@link VectorMath} through the unary kernels. Its results do not depend
 * on the JIT tier ({@link JitTierDeterminismTest}) nor on the machine (every step is an exactly rounded IEEE
 * operation), so the errors measured here are the errors everywhere.
 */
class VectorMathTest {
    /** Every 97th float bit pattern: about 22 million arguments per function within its range. */
    private static final int STRIDE = 97;
    /** Arguments per kernel call: a prime, so that every call ends in a masked tail. */
    private static final int CHUNK = 4099;
    private static final float INF = Float.POSITIVE_INFINITY;
    private static final float MAX = Float.MAX_VALUE;
    private static final float TINY = Float.MIN_VALUE;

    /** The function, its double-precision reference, the range swept and the largest error allowed in ulps. */
    private enum Function {
        EXP(UnaryOp.EXP, StrictMath::exp, -110f, 90f, 1.0),
        LOG(UnaryOp.LOG, StrictMath::log, 0f, INF, 1.0),
        TANH(UnaryOp.TANH, StrictMath::tanh, -12f, 12f, 1.5),
        SIGMOID(UnaryOp.SIGMOID, x -> 1 / (1 + StrictMath.exp(-x)), -110f, 30f, 2.5);

        final UnaryOp op;
        final DoubleUnaryOperator reference;
        final float from;
        final float to;
        final double maxUlps;

        Function(UnaryOp op, DoubleUnaryOperator reference, float from, float to, double maxUlps) {
            this.op = op;
            this.reference = reference;
            this.from = from;
            this.to = to;
            this.maxUlps = maxUlps;
        }
    }

    /**
     * Within the range, beyond which each function is constant or overflows: at most {@code maxUlps} ulps of
     * the correctly rounded result from it, and infinite exactly where it is.
     */
    @ParameterizedTest
    @EnumSource(Function.class)
    void withinItsUlpBoundOverADenseSweep(Function f) {
        float[] x = new float[CHUNK];
        float[] y = new float[CHUNK];
        double worst = 0;
        float worstAt = Float.NaN;
        int n = 0;
        for (long bits = 0; bits <= 0xffff_ffffL; bits += STRIDE) {
            float v = Float.intBitsToFloat((int) bits);
            if (v >= f.from && v <= f.to) {
                x[n++] = v;
            }
            if (n == CHUNK || (n > 0 && bits + STRIDE > 0xffff_ffffL)) {
                UnaryKernels.apply(f.op, x, 0, y, 0, n);
                for (int i = 0; i < n; i++) {
                    double ulps = ulps(f.reference.applyAsDouble(x[i]), y[i]);
                    if (ulps > worst) {
                        worst = ulps;
                        worstAt = x[i];
                    }
                }
                n = 0;
            }
        }
        assertTrue(worst <= f.maxUlps, f + " is " + worst + " ulps off at " + worstAt + ", allowed " + f.maxUlps);
    }

    /** The distance in ulps of the float nearest to {@code exact}; infinite where an infinity is missed. */
    private static double ulps(double exact, float actual) {
        float rounded = (float) exact;
        if (Float.isInfinite(rounded) || Float.isInfinite(actual)) {
            return rounded == actual ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(actual - exact) / Math.ulp(rounded);
    }

    @ParameterizedTest
    @EnumSource(Function.class)
    void specialValuesExactly(Function f) {
        float[][] cases = switch (f) {
            case EXP -> new float[][] {{0f, 1f}, {-0f, 1f}, {INF, INF}, {-INF, 0f}, {Float.NaN, Float.NaN},
                {89f, INF}, {MAX, INF}, {-104f, 0f}, {-MAX, 0f}, {TINY, 1f}, {-TINY, 1f}};
            case LOG -> new float[][] {{1f, 0f}, {0f, -INF}, {-0f, -INF}, {INF, INF}, {-INF, Float.NaN},
                {-1f, Float.NaN}, {-TINY, Float.NaN}, {Float.NaN, Float.NaN}, {2f, (float) Math.log(2)}};
            case TANH -> new float[][] {{0f, 0f}, {-0f, -0f}, {INF, 1f}, {-INF, -1f}, {Float.NaN, Float.NaN},
                {10f, 1f}, {-10f, -1f}, {MAX, 1f}, {-MAX, -1f}, {TINY, TINY}, {-TINY, -TINY}};
            case SIGMOID -> new float[][] {{0f, 0.5f}, {-0f, 0.5f}, {INF, 1f}, {-INF, 0f}, {Float.NaN, Float.NaN},
                {20f, 1f}, {MAX, 1f}, {-200f, 0f}, {-MAX, 0f}};
        };
        float[] x = new float[cases.length];
        float[] expected = new float[cases.length];
        for (int i = 0; i < cases.length; i++) {
            x[i] = cases[i][0];
            expected[i] = cases[i][1];
        }
        float[] together = new float[x.length];
        UnaryKernels.apply(f.op, x, 0, together, 0, x.length);
        Pair.assertSame(expected, together, f + " of " + Arrays.toString(x));
        float[] alone = new float[1];
        for (int i = 0; i < x.length; i++) {
            UnaryKernels.apply(f.op, x, i, alone, 0, 1);
            Pair.assertSame(new float[] {expected[i]}, alone, f + " of " + x[i] + " alone in a masked vector");
        }
    }

    @Test
    void sumLanesAddsPairwiseInItsDocumentedOrder() {
        SplittableRandom random = new SplittableRandom(5);
        float[] lanes = new float[L];
        for (int i = 0; i < L; i++) {
            lanes[i] = (float) (random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-6, 7)));
        }
        float[] pairwise = lanes.clone();
        for (int half = L / 2; half > 0; half /= 2) {
            for (int i = 0; i < half; i++) {
                pairwise[i] += pairwise[i + half];
            }
        }
        float sum = VectorMath.sumLanes(FloatVector.fromArray(S, lanes, 0));
        assertEquals(Float.floatToIntBits(pairwise[0]), Float.floatToIntBits(sum), "sum " + sum + " of lanes "
                + Arrays.toString(lanes) + ", pairwise " + pairwise[0]);
        float scalar = VectorMath.sumLanesInPlace(lanes.clone());
        assertEquals(Float.floatToIntBits(sum), Float.floatToIntBits(scalar), "scalar form " + scalar + " of lanes "
                + Arrays.toString(lanes) + ", vector form " + sum);
    }
}
