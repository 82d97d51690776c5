package org.dab4j.models.vae;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinarizationAndBaselineTest {
    @Test
    void binarizationIsSeededAndHasTheIntensityAsMean() {
        float[] intensities = new float[30_000];
        for (int i = 0; i < intensities.length; i++) {
            intensities[i] = (i % 3) / 2f;
        }
        float[] first = Binarization.sample(intensities, 4);
        assertArrayEquals(first, Binarization.sample(intensities, 4));
        assertFalse(java.util.Arrays.equals(first, Binarization.sample(intensities, 5)));
        double[] means = new double[3];
        for (int i = 0; i < first.length; i++) {
            assertTrue(first[i] == 0 || first[i] == 1);
            means[i % 3] += first[i] / 10_000;
        }
        assertEquals(0, means[0]);
        assertEquals(0.5, means[1], 0.02);
        assertEquals(1, means[2], 1e-6);
        assertTrue(Binarization.describe(7).contains("seed 7"));
    }

    @Test
    void thePixelMarginalIsTheSmoothedMeanIntensity() {
        float[] train = {0, 1, 0.5f, 0, 1, 0.5f};
        PixelMarginal marginal = PixelMarginal.fit(train, 3);
        double[] p = {1 / 4.0, 3 / 4.0, 2 / 4.0};
        float[] logits = marginal.logits();
        for (int j = 0; j < 3; j++) {
            assertEquals(Math.log(p[j] / (1 - p[j])), logits[j], 1e-6);
        }
        double expected = (Math.log(1 - p[0]) + Math.log(p[1]) + Math.log(p[2])
                + Math.log(p[0]) + Math.log(1 - p[1]) + Math.log(1 - p[2])) / 2;
        assertEquals(expected, marginal.logLikelihood(new float[]{0, 1, 1, 1, 0, 0}), 1e-12);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> marginal.logLikelihood(new float[4]))
                .getMessage().contains("4 values are not whole images of 3 pixels"));
    }
}
