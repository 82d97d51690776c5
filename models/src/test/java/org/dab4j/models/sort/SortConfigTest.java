package org.dab4j.models.sort;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SortConfigTest {

    private static String rejection(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Test
    void eachInvalidSettingIsNamed() {
        assertEquals("length must be at least 2, got 1",
                rejection(() -> new SortConfig(1, "dab", 10, 8, 1e-3, 10, 1, 100)));
        assertEquals("estimator must be one of [dab, ste, none], got 'gumbel'",
                rejection(() -> new SortConfig(5, "gumbel", 10, 8, 1e-3, 10, 1, 100)));
        assertEquals("steps must be positive, got 0", rejection(() -> new SortConfig(5, "dab", 0, 8, 1e-3, 10, 1, 100)));
        assertEquals("batch must be positive, got -1", rejection(() -> new SortConfig(5, "dab", 10, -1, 1e-3, 10, 1, 100)));
        assertEquals("lr must be positive and finite, got NaN",
                rejection(() -> new SortConfig(5, "dab", 10, 8, Double.NaN, 10, 1, 100)));
        assertEquals("gamma must be non-negative and finite, got -1.0",
                rejection(() -> new SortConfig(5, "dab", 10, 8, 1e-3, -1, 1, 100)));
        assertEquals("testSize must be positive, got 0", rejection(() -> new SortConfig(5, "dab", 10, 8, 1e-3, 10, 1, 0)));
    }

    @Test
    void aZeroGammaIsAllowed() {
        assertEquals(0, new SortConfig(5, "ste", 10, 8, 1e-3, 0, 1, 100).gamma());
    }
}
