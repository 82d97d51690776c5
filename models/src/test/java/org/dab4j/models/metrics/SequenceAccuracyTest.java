package org.dab4j.models.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceAccuracyTest {

    @Test
    void aSequenceCountsOnlyWhenEveryPositionIsRight() {
        float[] targets = {0, 1, 2, 2, 1, 0, 1, 0, 2};
        float[] predicted = {0, 1, 2, 2, 0, 0, 0, 1, 2};
        SequenceAccuracy accuracy = SequenceAccuracy.of(predicted, targets, 3);
        assertEquals(1.0 / 3, accuracy.allOrNone(), 1e-12);
        assertEquals(6.0 / 9, accuracy.perPosition(), 1e-12);
        assertEquals(3, accuracy.sequences());
    }

    @Test
    void accumulatesOverBatches() {
        SequenceAccuracy accuracy = new SequenceAccuracy(2)
                .add(new float[]{0, 1}, new float[]{0, 1})
                .add(new float[]{1, 1, 1, 0}, new float[]{1, 0, 1, 0});
        assertEquals(2.0 / 3, accuracy.allOrNone(), 1e-12);
        assertEquals(5.0 / 6, accuracy.perPosition(), 1e-12);
    }

    @Test
    void perfectAndHopelessPredictions() {
        float[] targets = {3, 1, 0, 2};
        assertEquals(1.0, SequenceAccuracy.of(targets.clone(), targets, 4).allOrNone());
        SequenceAccuracy wrong = SequenceAccuracy.of(new float[]{0, 0, 1, 0}, targets, 4);
        assertEquals(0.0, wrong.allOrNone());
        assertEquals(0.0, wrong.perPosition());
    }

    @Test
    void mismatchedOrPartialInputIsRejected() {
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class,
                () -> SequenceAccuracy.of(new float[4], new float[6], 2));
        assertTrue(lengths.getMessage().contains("4") && lengths.getMessage().contains("6"), lengths.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SequenceAccuracy.of(new float[5], new float[5], 2));
        assertThrows(IllegalArgumentException.class, () -> new SequenceAccuracy(0));
        assertThrows(IllegalStateException.class, () -> new SequenceAccuracy(3).allOrNone());
    }
}
