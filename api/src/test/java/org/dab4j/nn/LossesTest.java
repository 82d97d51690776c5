package org.dab4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Loss values against direct formulas (their gradients are checked in OpsGradientTest). */
class LossesTest {
    private final Backend b = new ReferenceBackend();

    @Test
    void crossEntropyIsUnreducedAndAlongTheGivenAxis() {
        float[] logits = {1, 2, 3, -1, 0, 4};
        Tensor loss = Losses.crossEntropy(Tensor.of(b, logits, 2, 3), Tensor.of(b, new float[] {2, 0}, 2), 1);
        assertArrayEquals(new float[] {(float) (lse(1, 2, 3) - 3), (float) (lse(-1, 0, 4) + 1)}, loss.toArray(), 1e-5f);

        Tensor columns = Losses.crossEntropy(Tensor.of(b, logits, 2, 3), Tensor.of(b, new float[] {1, 0, 1}, 3), 0);
        assertArrayEquals(new float[] {(float) (lse(1, -1) + 1), (float) (lse(2, 0) - 2), (float) (lse(3, 4) - 4)},
                columns.toArray(), 1e-5f);
        assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(Tensor.of(b, logits, 2, 3), Tensor.zeros(b, 3), 1));
    }

    @Test
    void crossEntropyGradientIsSoftmaxMinusOneHot() {
        Tensor logits = Tensor.of(b, new float[] {0, 0, 0, 0}, 1, 4).requiresGrad(true);
        Losses.crossEntropy(logits, Tensor.of(b, new float[] {2}, 1), 1).sum().backward();
        assertArrayEquals(new float[] {0.25f, 0.25f, -0.75f, 0.25f}, logits.grad().toArray(), 1e-6f);
    }

    @Test
    void mseIsTheMeanSquaredDifference() {
        Tensor a = Tensor.of(b, new float[] {1, 2, 3, 4}, 2, 2);
        Tensor c = Tensor.of(b, new float[] {1, 0, 4, 2}, 2, 2);
        assertEquals((0 + 4 + 1 + 4) / 4f, Losses.mse(a, c).item(), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Losses.mse(a, Tensor.zeros(b, 2)));
    }

    @Test
    void bceWithLogitsIsStableForLargeLogits() {
        float[] x = {-100, -2, 0, 3, 100};
        float[] t = {0, 1, 0.5f, 0, 1};
        double expected = 0;
        for (int i = 0; i < x.length; i++) {
            expected += Math.max(x[i], 0) - x[i] * t[i] + Math.log1p(Math.exp(-Math.abs(x[i])));
        }
        Tensor loss = Losses.bceWithLogits(Tensor.of(b, x, 5), Tensor.of(b, t, 5));
        assertEquals(expected / x.length, loss.item(), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Losses.bceWithLogits(Tensor.zeros(b, 2), Tensor.zeros(b, 3)));
    }

    private static double lse(double... v) {
        double sum = 0;
        for (double x : v) {
            sum += Math.exp(x);
        }
        return Math.log(sum);
    }
}
