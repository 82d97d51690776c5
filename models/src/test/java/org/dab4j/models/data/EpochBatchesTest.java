package org.dab4j.models.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EpochBatchesTest {
    @Test
    void eachEpochCutsOnePermutationIntoFullBatches() {
        EpochBatches batches = new EpochBatches(10, 3, 5);
        assertEquals(3, EpochBatches.stepsPerEpoch(10, 3));
        int[] epoch = IntStream.rangeClosed(1, 3).flatMap(step -> Arrays.stream(batches.rows(step))).toArray();
        assertArrayEquals(Arrays.copyOf(Shuffle.permutation(10, 5, 0), 9), epoch);
        assertArrayEquals(Arrays.copyOf(Shuffle.permutation(10, 5, 1), 3), batches.rows(4));
        assertFalse(Arrays.equals(batches.rows(1), batches.rows(4)));
    }

    @Test
    void aBatchLargerThanTheRowsIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EpochBatches(4, 5, 1));
        assertEquals("the batch of 5 images is larger than the 4 training images", e.getMessage());
    }
}
