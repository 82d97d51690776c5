package org.dab4j.models.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ShuffleTest {
    @Test
    void aPermutationThatDependsOnlyOnSeedAndEpoch() {
        int[] first = Shuffle.permutation(100, 7, 0);
        assertArrayEquals(IntStream.range(0, 100).toArray(), Arrays.stream(first).sorted().toArray());
        assertArrayEquals(first, Shuffle.permutation(100, 7, 0));
        assertFalse(Arrays.equals(first, Shuffle.permutation(100, 7, 1)));
        assertFalse(Arrays.equals(first, Shuffle.permutation(100, 8, 0)));
        assertFalse(Arrays.equals(first, IntStream.range(0, 100).toArray()));
    }
}
