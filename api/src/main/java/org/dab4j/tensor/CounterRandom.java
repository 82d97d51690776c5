package org.dab4j.tensor;

/**
 * A counter-based generator: the i-th number of a stream is a pure function of (seed, i). Every backend
 * computes these same formulas, so a seeded run draws identical numbers on every engine, in any order,
 * on any number of threads.
 */
public final class CounterRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final float TWO_POW_MINUS_24 = 0x1.0p-24f;

    private CounterRandom() {
    }

    /** SplitMix64's output function applied to {@code seed + (index + 1) * golden}. */
    public static long bits(long seed, long index) {
        long z = seed + (index + 1) * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform float in [0, 1) with 24 random bits. */
    public static float uniform(long seed, long index) {
        return (bits(seed, index) >>> 40) * TWO_POW_MINUS_24;
    }

    /**
     * A standard normal float by Box-Muller over the pair {@code (2j, 2j+1)} with {@code j = index / 2}:
     * even indices take the cosine branch, odd ones the sine branch.
     */
    public static float normal(long seed, long index) {
        long pair = index & ~1L;
        double u1 = 1.0 - uniform(seed, pair);
        double u2 = uniform(seed, pair + 1);
        double r = Math.sqrt(-2.0 * Math.log(u1));
        double angle = 2.0 * Math.PI * u2;
        return (float) (r * ((index & 1L) == 0 ? Math.cos(angle) : Math.sin(angle)));
    }
}
