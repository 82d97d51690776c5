package org.dab4j.models.vae;

import org.dab4j.tensor.CounterRandom;

/**
 * Binarized images: each pixel becomes 1 with probability equal to its intensity in [0, 1], from a counter
 * stream, so a binarization is a pure function of its seed. Training batches are binarized afresh at every
 * step (dynamic binarization); the test images once, with a fixed seed.
 */
public final class Binarization {
    private Binarization() {
    }

    /** {@code 1[u_i < intensities_i]} with {@code u_i} the i-th uniform number of stream {@code seed}. */
    public static float[] sample(float[] intensities, long seed) {
        float[] out = new float[intensities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = CounterRandom.uniform(seed, i) < intensities[i] ? 1f : 0f;
        }
        return out;
    }

    /** How a run binarized its data, for its outputs. */
    public static String describe(long testSeed) {
        return "dynamic for training (fresh Bernoulli(intensity) pixels every step); test set binarized once with seed "
                + testSeed;
    }
}
