package org.dab4j.tck;

import org.dab4j.tensor.BinaryOp;
import org.dab4j.tensor.ReduceOp;
import org.dab4j.tensor.UnaryOp;

/**
 * How closely a backend's result must match the reference's. Every tolerance of the suite is chosen here:
 * <ul>
 * <li>{@link #BITWISE}: moving data (upload, download, copy, fill) and {@code sort} must reproduce the bits,
 *     so {@code -0.0} and {@code 0.0} differ;</li>
 * <li>{@link #EXACT}: results that involve no rounding must be equal as numbers: comparisons, MAX/MIN,
 *     NEG/ABS/RELU/SIGN/ROUND, indices (argmax, argsort), gather, where, scatterAdd (one float addition per
 *     element), and uniform random numbers;</li>
 * <li>{@link #ROUNDED}: one correctly rounded float operation (ADD ... DIV, SQUARE, RECIPROCAL, SQRT) may be off
 *     by a few ulps, and a result below the smallest normal float may be flushed to zero;</li>
 * <li>{@link #TRANSCENDENTAL}: EXP, LOG, TANH, SIGMOID, POW, normal random numbers and the fused operations
 *     are float approximations: relative 1e-5 plus absolute 1e-6 for results near zero;</li>
 * <li>{@link #accumulation}: a sum of {@code n} terms (reduce SUM, matmul with {@code n = k}) in any order and
 *     blocking: relative 1e-5 plus {@code 2^-22 sqrt(n)} times the sum of the terms' magnitudes, the typical
 *     growth of float rounding error over {@code n} additions. Being loose for large {@code n}, it is
 *     complemented by sums of small integers, which every order computes exactly, checked {@link #EXACT};</li>
 * <li>{@link #LOSS}: a cross-entropy is a difference of two numbers as large as the row's largest logit, so it
 *     may lose precision in proportion to that logit (relative 1e-6 of it, the magnitude passed per element).</li>
 * </ul>
 * Whatever the tolerance, NaN must meet NaN and an infinity the same infinity: a NaN or infinite value on
 * either side matches only an identical one.
 */
record Tolerance(String name, boolean bitwise, double relative, double absolute, double perMagnitude) {
    static final Tolerance BITWISE = new Tolerance("bitwise", true, 0, 0, 0);
    static final Tolerance EXACT = new Tolerance("exact", false, 0, 0, 0);
    static final Tolerance ROUNDED = new Tolerance("rounded", false, 1e-6, Float.MIN_NORMAL, 0);
    static final Tolerance TRANSCENDENTAL = new Tolerance("transcendental", false, 1e-5, 1e-6, 0);
    static final Tolerance LOSS = new Tolerance("loss", false, 1e-5, 1e-6, 1e-6);

    /** A sum of {@code n} terms; pass the sum of the terms' magnitudes per element to {@link #accepts}. */
    static Tolerance accumulation(int n) {
        return new Tolerance("sum of " + n, false, 1e-5, Float.MIN_NORMAL, 0x1.0p-22 * Math.sqrt(n));
    }

    static Tolerance of(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, RELU, SIGN, ROUND -> EXACT;
            case SQRT, SQUARE, RECIPROCAL -> ROUNDED;
            case EXP, LOG, TANH, SIGMOID -> TRANSCENDENTAL;
        };
    }

    static Tolerance of(BinaryOp op) {
        return switch (op) {
            case MAX, MIN, GT, GE, LT, LE, EQ -> EXACT;
            case ADD, SUB, MUL, DIV -> ROUNDED;
            case POW -> TRANSCENDENTAL;
        };
    }

    static Tolerance of(ReduceOp op, int n) {
        return switch (op) {
            case SUM -> accumulation(n);
            case MAX -> EXACT;
        };
    }

    /** The largest allowed difference from a finite {@code expected} whose terms have total {@code magnitude}. */
    double allowed(float expected, float magnitude) {
        // Tested first because 0 * infinity would be NaN for an exact tolerance over infinite terms.
        double scaled = perMagnitude == 0 ? 0 : perMagnitude * magnitude;
        return absolute + relative * Math.abs(expected) + scaled;
    }

    boolean accepts(float expected, float actual, float magnitude) {
        if (bitwise) {
            return Float.floatToIntBits(expected) == Float.floatToIntBits(actual);
        }
        if (Float.isNaN(expected) || Float.isNaN(actual)) {
            return Float.isNaN(expected) && Float.isNaN(actual);
        }
        if (Float.isInfinite(expected) || Float.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs((double) actual - expected) <= allowed(expected, magnitude);
    }

    @Override
    public String toString() {
        if (bitwise || this.equals(EXACT)) {
            return name;
        }
        return name + " (relative " + relative + ", absolute " + absolute
                + (perMagnitude > 0 ? ", " + perMagnitude + " x magnitude" : "") + ")";
    }
}
