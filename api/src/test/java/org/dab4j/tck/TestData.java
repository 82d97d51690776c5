package org.dab4j.tck;

import java.util.SplittableRandom;

/** Deterministic inputs: every generator is seeded from a label, so a failure reproduces exactly. */
final class TestData {
    /** NaN, infinities, signed zeros, large magnitudes and the edges of exp's useful range. */
    static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        1e30f, -1e30f, 100f, -100f, 80f, -80f, 1e-30f, -1e-30f, 1f, -1f, 0.5f, -0.5f, 2.5f, -2.5f,
        Float.MAX_VALUE, -Float.MAX_VALUE};

    /** Values whose pairs exercise ties, signed zeros and round-half-even. */
    private static final float[] INTERESTING = {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, 0f, -0f, 1f, -1f, 2f, -2f};

    private TestData() {
    }

    /** A generator whose seed depends only on {@code label}. */
    static SplittableRandom random(String label) {
        return new SplittableRandom(label.hashCode() * 0x9E3779B97F4A7C15L);
    }

    /** Uniform in {@code [low, high)}. */
    static float[] uniform(SplittableRandom rng, int n, double low, double high) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextDouble(low, high);
        }
        return x;
    }

    /** Mostly uniform in [-6, 6), with one value in four drawn from a small set that repeats exactly. */
    static float[] mixed(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextInt(4) == 0 ? INTERESTING[rng.nextInt(INTERESTING.length)] : (float) rng.nextDouble(-6, 6);
        }
        return x;
    }

    /**
     * Small non-zero integers: ties are frequent, and sums and products are exact in any order, so a dropped or
     * repeated term always shows.
     */
    static float[] ties(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextInt(-2, 3);
            if (x[i] == 0f) {
                x[i] = 3f;
            }
        }
        return x;
    }

    /** Values for sorting: ties, both zeros, infinities and NaN among uniform numbers. */
    static float[] sortable(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(20);
            x[i] = switch (kind) {
                case 0 -> Float.NaN;
                case 1 -> rng.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                case 2, 3 -> rng.nextBoolean() ? 0f : -0f;
                case 4, 5, 6 -> rng.nextInt(-2, 3);
                default -> (float) rng.nextDouble(-5, 5);
            };
        }
        return x;
    }

    /** Integer indices in {@code [0, axis)}, stored as floats. */
    static float[] indices(SplittableRandom rng, int n, int axis) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextInt(axis);
        }
        return x;
    }

    /** {@code values} repeated to length {@code n}. */
    static float[] tiled(float[] values, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = values[i % values.length];
        }
        return x;
    }

    static float[] abs(float[] x) {
        float[] a = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = Math.abs(x[i]);
        }
        return a;
    }
}
