package org.dab4j.models.data;

import org.dab4j.tensor.CounterRandom;

/** Seeded permutations for epoch-wise shuffling, from {@link CounterRandom} so they match on every machine. */
public final class Shuffle {
    private Shuffle() {
    }

    /** A Fisher-Yates permutation of {@code 0..n-1}, a pure function of (seed, epoch). */
    public static int[] permutation(int n, long seed, long epoch) {
        int[] order = LabelledImages.range(0, n);
        long stream = CounterRandom.bits(seed, epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) Long.remainderUnsigned(CounterRandom.bits(stream, i), i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
