package org.dab4j.bridge;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReinforceBridgeTest {
    private static final float[] LOGITS = {0.8f, -0.4f, 0.1f};
    private final Backend backend = new ReferenceBackend();

    /** A learning signal that is not linear in the sample: f(b) = 2 b0 - b1 + 3 b0 b2 + 1.5 b1 b2 - 4. */
    private static double signal(float[] b, int row) {
        double b0 = b[row * 3];
        double b1 = b[row * 3 + 1];
        double b2 = b[row * 3 + 2];
        return 2 * b0 - b1 + 3 * b0 * b2 + 1.5 * b1 * b2 - 4;
    }

    /** The exact gradient of E[f(b)] over b ~ Bernoulli(sigmoid(LOGITS)), by enumerating the 8 outcomes. */
    private static double[] exactGradient() {
        double[] p = new double[3];
        for (int j = 0; j < 3; j++) {
            p[j] = 1 / (1 + Math.exp(-LOGITS[j]));
        }
        double[] gradient = new double[3];
        for (int outcome = 0; outcome < 8; outcome++) {
            float[] b = {outcome & 1, (outcome >> 1) & 1, (outcome >> 2) & 1};
            double q = 1;
            for (int j = 0; j < 3; j++) {
                q *= b[j] == 1 ? p[j] : 1 - p[j];
            }
            for (int j = 0; j < 3; j++) {
                gradient[j] += q * signal(b, 0) * (b[j] - p[j]);
            }
        }
        return gradient;
    }

    /**
     * One REINFORCE step on {@code rows} copies of the logits: returns the gradient of the shared logits (the
     * average over the rows' samples) and, per unit, the standard error of that average.
     */
    private double[][] estimate(ReinforceBridge bridge, int rows, long step) {
        Tensor shared = Tensor.of(backend, LOGITS, 1, 3).requiresGrad(true);
        bridge.startStep(step);
        Tensor sample = bridge.forward(shared.add(Tensor.zeros(backend, rows, 3)));
        float[] b = sample.toArray();
        float[] f = new float[rows];
        for (int r = 0; r < rows; r++) {
            f[r] = (float) signal(b, r);
        }
        double c = bridge.baseline();
        bridge.setLearningSignal(Tensor.of(backend, f, rows));
        sample.sum().backward();
        float[] gradient = shared.grad().toArray();
        double[][] result = new double[2][3];
        for (int j = 0; j < 3; j++) {
            double p = 1 / (1 + Math.exp(-LOGITS[j]));
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < rows; r++) {
                double term = (f[r] - c) * (b[r * 3 + j] - p);
                sum += term;
                squares += term * term;
            }
            double mean = sum / rows;
            result[0][j] = gradient[j];
            result[1][j] = Math.sqrt((squares / rows - mean * mean) / rows);
            assertEquals(mean, gradient[j], 1e-4, "the backward is (f - c)(b - sigmoid(l)) averaged over the batch");
        }
        return result;
    }

    @Test
    void theAverageGradientIsTheExactGradientOfTheExpectation() {
        double[] exact = exactGradient();
        ReinforceBridge bridge = new ReinforceBridge(0.5, 11);
        double[][] withoutBaseline = estimate(bridge, 40_000, 1);
        assertTrue(bridge.baseline() < -0.5, "the baseline moved halfway to the mean signal, about -1.6: " + bridge.baseline());
        double[][] withBaseline = estimate(bridge, 40_000, 2);
        for (int j = 0; j < 3; j++) {
            assertEquals(exact[j], withoutBaseline[0][j], 4 * withoutBaseline[1][j] + 1e-4, "unit " + j + ", baseline 0");
            assertEquals(exact[j], withBaseline[0][j], 4 * withBaseline[1][j] + 1e-4, "unit " + j + ", moving baseline");
            assertTrue(withBaseline[1][j] < withoutBaseline[1][j], "the baseline reduces the variance of unit " + j);
        }
    }

    @Test
    void theBaselineIsAMovingAverageOfBatchMeansUsedBeforeItIsUpdated() {
        ReinforceBridge bridge = new ReinforceBridge(0.75, 1);
        assertEquals(0, bridge.baseline());
        Tensor logits = Tensor.zeros(backend, 2, 3).requiresGrad(true);
        bridge.forward(logits);
        bridge.setLearningSignal(Tensor.of(backend, new float[]{4, 8}, 2));
        assertEquals(1.5, bridge.baseline(), 1e-9);
        Tensor sample = bridge.forward(logits);
        bridge.setLearningSignal(Tensor.of(backend, new float[]{2, 2}, 2));
        assertEquals(0.75 * 1.5 + 0.25 * 2, bridge.baseline(), 1e-9);
        sample.sum().backward();
        float[] b = sample.toArray();
        float[] expected = new float[6];
        for (int i = 0; i < 6; i++) {
            expected[i] = (float) ((2 - 1.5) * (b[i] - 0.5) / 2);
        }
        assertArrayEquals(expected, logits.grad().toArray(), 1e-6f, "centred with the baseline before the update");
        assertNull(bridge.auxiliaryLoss());
    }

    @Test
    void aMissingOrMisshapenSignalIsNamed() {
        ReinforceBridge bridge = new ReinforceBridge(0.9, 1);
        assertTrue(assertThrows(IllegalStateException.class, () -> bridge.setLearningSignal(Tensor.zeros(backend, 2)))
                .getMessage().contains("before any forward pass"));
        Tensor sample = bridge.forward(Tensor.zeros(backend, 2, 3).requiresGrad(true));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> bridge.setLearningSignal(Tensor.zeros(backend, 3)));
        assertTrue(shape.getMessage().contains("[2]") && shape.getMessage().contains("[3]"), shape.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> sample.sum().backward());
        assertTrue(missing.getMessage().contains("no learning signal"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReinforceBridge(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ReinforceBridge(-0.1, 1));
    }
}
