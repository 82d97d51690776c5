package org.dab4j.models.sort;

import org.dab4j.tensor.CounterRandom;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortDataTest {

    @Test
    void theSameSeedGivesTheSameBatches() {
        SortData a = new SortData(5, 42);
        SortData b = new SortData(5, 42);
        assertArrayEquals(a.trainingBatch(7, 16).inputs(), b.trainingBatch(7, 16).inputs());
        assertArrayEquals(a.trainingBatch(7, 16).targets(), b.trainingBatch(7, 16).targets());
        assertArrayEquals(a.testSet(32).inputs(), b.testSet(32).inputs());
    }

    @Test
    void stepsSeedsAndTheTestSetDrawDifferentNumbers() {
        SortData data = new SortData(5, 42);
        float[] step1 = data.trainingBatch(1, 16).inputs();
        assertFalse(Arrays.equals(step1, data.trainingBatch(2, 16).inputs()));
        assertFalse(Arrays.equals(step1, new SortData(5, 43).trainingBatch(1, 16).inputs()));
        Set<Float> test = new HashSet<>();
        for (float v : data.testSet(64).inputs()) {
            test.add(v);
        }
        int shared = 0;
        for (float v : step1) {
            shared += test.contains(v) ? 1 : 0;
        }
        assertTrue(shared <= 1, "training and test data overlap in " + shared + " values");
    }

    @Test
    void aBatchIsAPureFunctionOfSeedStepAndSize() {
        SortData data = new SortData(4, 9);
        float[] third = data.trainingBatch(3, 8).inputs();
        float expected = CounterRandom.uniform(9, (2L << 56) + 2L * 8 * 4);
        assertEquals(expected, third[0]);
    }

    @Test
    void theTestSetIsFixedAndALargerOneExtendsASmallerOne() {
        SortData data = new SortData(6, 3);
        float[] small = data.testSet(10).inputs();
        float[] large = data.testSet(20).inputs();
        assertArrayEquals(small, Arrays.copyOf(large, small.length));
    }

    @Test
    void inputsAreUniformInTheUnitInterval() {
        float[] inputs = new SortData(5, 1).trainingBatch(1, 2000).inputs();
        double sum = 0;
        for (float v : inputs) {
            assertTrue(v >= 0 && v < 1, "value " + v);
            sum += v;
        }
        assertEquals(0.5, sum / inputs.length, 0.02);
    }

    @Test
    void targetsListTheIndicesInAscendingOrderOfValue() {
        SortData.Batch batch = new SortData(7, 5).trainingBatch(4, 50);
        assertEquals(50 * 7, batch.targets().length);
        for (int r = 0; r < batch.size(); r++) {
            boolean[] seen = new boolean[7];
            float previous = -1;
            for (int i = 0; i < 7; i++) {
                int index = (int) batch.targets()[r * 7 + i];
                assertEquals(index, batch.targets()[r * 7 + i], "indices are whole numbers");
                assertFalse(seen[index], "index " + index + " repeats in row " + r);
                seen[index] = true;
                float value = batch.inputs()[r * 7 + index];
                assertTrue(value >= previous, "row " + r + " is not ascending at " + i);
                previous = value;
            }
        }
    }

    @Test
    void argsortKeepsTiesInIndexOrder() {
        float[] values = {0.5f, 0.25f, 0.5f, 0f, 0.25f, -0f};
        assertArrayEquals(new float[]{1, 0, 2, 0, 2, 1}, SortData.argsortRows(values, 2, 3));
        assertArrayEquals(new float[]{3, 5, 1, 4, 0, 2}, SortData.argsortRows(values, 1, 6));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SortData(1, 0));
        SortData data = new SortData(5, 0);
        assertThrows(IllegalArgumentException.class, () -> data.trainingBatch(0, 4));
        assertThrows(IllegalArgumentException.class, () -> data.trainingBatch(1, 0));
        assertThrows(IllegalArgumentException.class, () -> data.testSet(0));
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class,
                () -> data.trainingBatch(Integer.MAX_VALUE, 1 << 26));
        assertTrue(past.getMessage().contains("2^56"), past.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class, () -> data.testSet(1 << 30));
        assertTrue(huge.getMessage().contains("2^31-1"), huge.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SortData.argsortRows(new float[]{Float.NaN, 1}, 1, 2));
    }
}
