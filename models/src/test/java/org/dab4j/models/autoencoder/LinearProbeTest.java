package org.dab4j.models.autoencoder;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Backends;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearProbeTest {
    /** One-hot features of the class in a 4-wide code, plus a constant unit: linearly separable. */
    private static LinearProbe.Features oneHotOfClass(int rows, int shift) {
        float[] values = new float[rows * 5];
        float[] labels = new float[rows];
        for (int r = 0; r < rows; r++) {
            int label = (r + shift) % 4;
            labels[r] = label;
            values[r * 5 + label] = 1;
            values[r * 5 + 4] = 1;
        }
        return new LinearProbe.Features(values, labels, rows, 5);
    }

    @Test
    void separableCodesAreClassifiedPerfectlyAndConstantCodesAtChance() {
        try (Backend backend = Backends.select(null, BackendConfig.defaults())) {
            assertEquals(1.0, LinearProbe.accuracy(backend, oneHotOfClass(512, 0), oneHotOfClass(100, 1), 4, 20, 3));
            LinearProbe.Features constant = new LinearProbe.Features(new float[512 * 5], oneHotOfClass(512, 0).labels(), 512, 5);
            double chance = LinearProbe.accuracy(backend, constant, new LinearProbe.Features(new float[100 * 5],
                    oneHotOfClass(100, 0).labels(), 100, 5), 4, 5, 3);
            assertTrue(chance <= 0.26, "a collapsed code carries no class information: " + chance);
        }
    }

    @Test
    void mismatchedFeaturesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearProbe.Features(new float[9], new float[2], 2, 5));
        assertTrue(e.getMessage().contains("9 values and 2 labels do not make 2 rows of width 5"), e.getMessage());
    }
}
