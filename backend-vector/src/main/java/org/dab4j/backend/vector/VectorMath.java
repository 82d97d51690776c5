package org.dab4j.backend.vector;

import static org.dab4j.backend.vector.Simd.L;
import static org.dab4j.backend.vector.Simd.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * Transcendental functions and a lane sum of float vectors that give the same bits in the interpreter, C1
 * and C2. The Vector API runs lanewise EXP, LOG, TANH and POW as per-lane scalar code until C2
 * compiles a kernel and through SVML afterwards, and the two differ in the last bit of about one result in a
 * hundred; {@code reduceLanes(ADD)} adds the lanes in order before and as a tree after. Which steps of a run
 * happen before compilation is a matter of timing, so a seeded run would not reproduce its numbers. Everything
 * here is built from operations whose results IEEE 754 fixes exactly (add, sub, mul, div, fma, compare,
 * blend, integer and bit operations), which both forms compute alike.
 *
 * <p>Each function is a range reduction and a polynomial fitted for minimax relative error on the reduced
 * range. Largest errors against the correctly rounded result over every 97th float ({@code VectorMathTest}):
 * exp 0.98 ulp, log 0.79, tanh 1.31, sigmoid 2.28.
 */
final class VectorMath {
    /** e^x overflows above ln(Float.MAX_VALUE) ~ 88.72; clamping x here keeps k <= 128. */
    private static final float EXP_HIGH = 89f;
    /** e^x rounds to 0 below ln(2^-150) ~ -103.97; clamping x here keeps k >= -150. */
    private static final float EXP_LOW = -104f;
    private static final float LOG2_E = 0x1.715476p0f;
    /** ln 2 in two parts: the first has 17 significant bits, the second is the rest. */
    private static final float LN2_HIGH = 0x1.62e3p-1f;
    private static final float LN2_LOW = 0x1.2fefa4p-17f;
    /**
     * 1.5 * 2^23: adding it to |y| < 2^22 rounds y to the nearest integer k and leaves k in the low
     * mantissa bits, so the sum's bits minus this constant's bits are k.
     */
    private static final float ROUND_TO_INT = 0x1.8p23f;
    private static final int ROUND_TO_INT_BITS = Float.floatToRawIntBits(ROUND_TO_INT);
    /** e^r = 1 + r + r^2 (E0 + E1 r + ... + E4 r^4) for |r| <= ln(2)/2 within 3e-9. */
    private static final float E0 = 0.49999994f;
    private static final float E1 = 0.16666521f;
    private static final float E2 = 0.04166839f;
    private static final float E3 = 0.00836871f;
    private static final float E4 = 0.0013814613f;

    private static final int FLOAT_ONE_BITS = Float.floatToRawIntBits(1f);
    private static final int SQRT_HALF_BITS = Float.floatToRawIntBits((float) Math.sqrt(0.5));
    private static final int MANTISSA_BITS = 0x007f_ffff;
    private static final int EXPONENT_BIAS = 127;
    /** Subnormal inputs of log are scaled by 2^25 into the normal range first. */
    private static final float SUBNORMAL_SCALE = 0x1.0p25f;
    private static final float SUBNORMAL_EXPONENT = 25f;
    /**
     * With s = f / (2 + f), log(1 + f) = 2 atanh(s) = 2s + s R(s^2) for |s| <= 3 - 2 sqrt(2), where
     * R(z) = z (L0 + L1 z + L2 z^2) within 1e-9 of log(1 + f).
     */
    private static final float L0 = 0.66666776f;
    private static final float L1 = 0.39977542f;
    private static final float L2 = 0.2987173f;

    /** Below this |x|, tanh(x) = x + x^3 P(x^2); from it on, 1 - 2 / (e^2|x| + 1) loses little to cancellation. */
    private static final float TANH_SMALL = 0.625f;
    /** P(z) = T0 + T1 z + ... + T4 z^4 within 5e-9 relative of tanh on |x| < 0.625. */
    private static final float T0 = -0.3333328f;
    private static final float T1 = 0.13331442f;
    private static final float T2 = -0.053739715f;
    private static final float T3 = 0.020639086f;
    private static final float T4 = -0.005704986f;
    private static final int SIGN_BIT = Integer.MIN_VALUE;

    /** Lane i of {@code v.rearrange(ROTATE_h)} is lane (i + h) mod L of v. */
    private static final VectorShuffle<Float> ROTATE_32 = VectorShuffle.iota(S, 32 % L, 1, true);
    private static final VectorShuffle<Float> ROTATE_16 = VectorShuffle.iota(S, 16 % L, 1, true);
    private static final VectorShuffle<Float> ROTATE_8 = VectorShuffle.iota(S, 8 % L, 1, true);
    private static final VectorShuffle<Float> ROTATE_4 = VectorShuffle.iota(S, 4 % L, 1, true);
    private static final VectorShuffle<Float> ROTATE_2 = VectorShuffle.iota(S, 2 % L, 1, true);
    private static final VectorShuffle<Float> ROTATE_1 = VectorShuffle.iota(S, 1 % L, 1, true);

    private VectorMath() {
    }

    /**
     * e^x: +inf above ~88.72 and for +inf, subnormal results rounded once, 0 below ~-103.97 and for -inf,
     * NaN for NaN. With x = k ln 2 + r, e^x = e^r 2^k; 2^k is applied as two halves so that neither factor
     * leaves the normal range and a subnormal or infinite result is rounded only by the last multiplication.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_LOW).min(EXP_HIGH);
        FloatVector shifted = c.fma(LOG2_E, ROUND_TO_INT);
        FloatVector k = shifted.sub(ROUND_TO_INT);
        FloatVector r = fma(k, -LN2_HIGH, c);
        r = fma(k, -LN2_LOW, r);
        FloatVector q = fma(fma(fma(r.fma(E4, E3), r, E2), r, E1), r, E0);
        FloatVector er = q.fma(r.mul(r), r).add(1f);
        IntVector ki = shifted.reinterpretAsInts().sub(ROUND_TO_INT_BITS);
        IntVector kHalf = ki.lanewise(VectorOperators.ASHR, 1);
        return er.mul(powerOfTwo(ki.sub(kHalf))).mul(powerOfTwo(kHalf));
    }

    /** 2^k for k in the normal exponent range [-126, 127]. */
    private static FloatVector powerOfTwo(IntVector k) {
        return k.add(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /**
     * The natural logarithm: -inf for +-0, NaN below 0 and for NaN, +inf for +inf; subnormal inputs are
     * scaled into the normal range first. With x = 2^k m and m in [sqrt(1/2), sqrt(2)),
     * log x = k ln 2 + log m, and log m comes from f = m - 1 (exact) through s = f / (2 + f) as fdlibm does.
     */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector normal = x.blend(x.mul(SUBNORMAL_SCALE), subnormal);
        // Adding the bits of 1 less those of sqrt(1/2) carries into the exponent from m = sqrt(2) on, not from 2.
        IntVector bits = normal.reinterpretAsInts().add(FLOAT_ONE_BITS - SQRT_HALF_BITS);
        IntVector exponent = bits.lanewise(VectorOperators.ASHR, 23).sub(EXPONENT_BIAS);
        FloatVector m = bits.and(MANTISSA_BITS).add(SQRT_HALF_BITS).reinterpretAsFloats();
        FloatVector k = ((FloatVector) exponent.convert(VectorOperators.I2F, 0))
                .sub(FloatVector.zero(S).blend(SUBNORMAL_EXPONENT, subnormal));
        FloatVector f = m.sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector polynomial = fma(z.fma(L2, L1), z, L0).mul(z);
        FloatVector halfSquare = f.mul(f).mul(0.5f);
        FloatVector logM = s.fma(halfSquare.add(polynomial), k.mul(LN2_LOW)).sub(halfSquare).add(f);
        FloatVector y = fma(k, LN2_HIGH, logM);
        return y.blend(x, x.test(VectorOperators.IS_FINITE).not())
                .blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
                .blend(Float.NaN, x.compare(VectorOperators.LT, 0f));
    }

    /**
     * tanh(x), odd (tanh(-0) = -0), exactly +-1 once |x| exceeds ~9.01 and NaN for NaN. Computed on |x|, then
     * given x's sign bit.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = a.mul(a);
        FloatVector p = fma(fma(fma(z.fma(T4, T3), z, T2), z, T1), z, T0);
        FloatVector small = p.fma(a.mul(z), a);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector large = one.sub(FloatVector.broadcast(S, 2f).div(exp(a.add(a)).add(one)));
        FloatVector magnitude = large.blend(small, a.compare(VectorOperators.LT, TANH_SMALL));
        IntVector sign = x.reinterpretAsInts().and(SIGN_BIT);
        return magnitude.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    /**
     * 1 / (1 + e^-x), as e^x / (1 + e^x) below 0 so that the exponential never overflows and tiny results
     * keep their precision: exactly 0 at -inf, 1 at +inf, 0.5 at +-0, NaN for NaN.
     */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector numerator = e.blend(1f, x.compare(VectorOperators.GE, 0f));
        return numerator.div(e.add(1f));
    }

    /** a * b + c with one rounding. */
    private static FloatVector fma(FloatVector a, FloatVector b, float c) {
        return a.fma(b, FloatVector.broadcast(S, c));
    }

    /** a * b + c with one rounding. */
    private static FloatVector fma(FloatVector a, float b, FloatVector c) {
        return a.fma(FloatVector.broadcast(S, b), c);
    }

    /**
     * The sum of the lanes, added pairwise in a fixed order: lane i with lane i + L/2, then i + L/4, and so on
     * down to lane 0. Each step adds a copy of the vector rotated by a constant shuffle, which C2 compiles to
     * one permute, but only when the shuffle is a compile-time constant: with a loop variable as the offset
     * ({@code slice(half)} or a shuffle built in the loop) a kernel that was not unrolled before intrinsics were
     * expanded ran the Vector API's Java fallback, allocating on every call. Hence one {@code static final}
     * rotation per step, for vectors of up to 64 lanes; the steps beyond this machine's lane count fold away.
     */
    static float sumLanes(FloatVector v) {
        FloatVector s = v;
        if (L > 32) {
            s = s.add(s.rearrange(ROTATE_32));
        }
        if (L > 16) {
            s = s.add(s.rearrange(ROTATE_16));
        }
        if (L > 8) {
            s = s.add(s.rearrange(ROTATE_8));
        }
        if (L > 4) {
            s = s.add(s.rearrange(ROTATE_4));
        }
        if (L > 2) {
            s = s.add(s.rearrange(ROTATE_2));
        }
        if (L > 1) {
            s = s.add(s.rearrange(ROTATE_1));
        }
        return s.lane(0);
    }

    /**
     * {@link #sumLanes(FloatVector)} of the L floats in {@code lanes}, in the same pairwise order and so with the
     * same bits, by scalar adds that overwrite {@code lanes}: for a kernel that cannot afford to inline the
     * shuffles (a call that is not inlined boxes the vector passed to it).
     */
    static float sumLanesInPlace(float[] lanes) {
        for (int half = L / 2; half > 0; half /= 2) {
            for (int i = 0; i < half; i++) {
                lanes[i] += lanes[i + half];
            }
        }
        return lanes[0];
    }
}
