package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.CounterRandom;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.dab4j.bridge.GumbelSoftmaxBridge.Variant.SOFT;
import static org.dab4j.bridge.GumbelSoftmaxBridge.Variant.STRAIGHT_THROUGH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GumbelSoftmaxBridgeTest {
    private static final long SEED = 77;
    private final Backend backend = new ReferenceBackend();
    private final Tensor logits = Tensor.normal(backend, Shape.of(4, 6), 5);

    private GumbelSoftmaxBridge bridge(GumbelSoftmaxBridge.Variant variant, double temperature) {
        return new GumbelSoftmaxBridge(2, variant, TemperatureSchedule.constant(temperature), SEED);
    }

    /** softmax((logits + g) / tau) per group of 3, on the host, with the noise the bridge documents. */
    private float[] expectedRelaxed(float[] x, long step, long draw, double tau) {
        float[] u = Tensor.uniform(backend, Shape.of(4, 6), CounterRandom.bits(CounterRandom.bits(SEED, step), draw)).toArray();
        float[] y = new float[x.length];
        for (int g = 0; g < x.length; g += 3) {
            double[] z = new double[3];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 3; i++) {
                double gumbel = -Math.log(-Math.log(u[g + i] + 1e-10) + 1e-10);
                z[i] = (x[g + i] + gumbel) / tau;
                max = Math.max(max, z[i]);
            }
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                z[i] = Math.exp(z[i] - max);
                sum += z[i];
            }
            for (int i = 0; i < 3; i++) {
                y[g + i] = (float) (z[i] / sum);
            }
        }
        return y;
    }

    @Test
    void softVariantOutputsTheRelaxedSample() {
        GumbelSoftmaxBridge soft = bridge(SOFT, 0.7);
        soft.anneal(12);
        Tensor x = logits.detach().requiresGrad(true);
        assertArrayEquals(expectedRelaxed(logits.toArray(), 12, 0, 0.7), soft.forward(x).toArray(), 1e-5f);
        assertArrayEquals(expectedRelaxed(logits.toArray(), 12, 1, 0.7), soft.forward(x).toArray(), 1e-5f,
                "a second draw in the same step takes fresh noise");
        assertNull(soft.auxiliaryLoss());
    }

    @Test
    void sameStepSameNoiseOtherStepOtherNoise() {
        GumbelSoftmaxBridge soft = bridge(SOFT, 1);
        Tensor x = logits.detach().requiresGrad(true);
        soft.anneal(3);
        float[] first = soft.forward(x).toArray();
        soft.anneal(3);
        assertArrayEquals(first, soft.forward(x).toArray());
        soft.anneal(4);
        assertFalse(java.util.Arrays.equals(first, soft.forward(x).toArray()));
    }

    @Test
    void straightThroughOutputsTheOneHotOfTheSampleAndTheSoftGradient() {
        Tensor upstream = Tensor.normal(backend, Shape.of(4, 6), 6);
        Tensor x = logits.detach().requiresGrad(true);
        GumbelSoftmaxBridge hard = bridge(STRAIGHT_THROUGH, 0.5);
        hard.anneal(9);
        Tensor out = hard.forward(x);
        float[] relaxed = expectedRelaxed(logits.toArray(), 9, 0, 0.5);
        assertArrayEquals(new OneHotArgmax(2).apply(Tensor.of(backend, relaxed, 4, 6)).toArray(), out.toArray());
        out.mul(upstream).sum().backward();

        Tensor same = logits.detach().requiresGrad(true);
        GumbelSoftmaxBridge soft = bridge(SOFT, 0.5);
        soft.anneal(9);
        soft.forward(same).mul(upstream).sum().backward();
        assertArrayEquals(same.grad().toArray(), x.grad().toArray(), 1e-6f);
    }

    @Test
    void softGradientIsThatOfTheSoftmaxOfThePerturbedLogits() {
        Tensor upstream = Tensor.normal(backend, Shape.of(4, 6), 8);
        GumbelSoftmaxBridge soft = bridge(SOFT, 2);
        soft.anneal(1);
        Tensor x = logits.detach().requiresGrad(true);
        soft.forward(x).mul(upstream).sum().backward();

        float[] u = Tensor.uniform(backend, Shape.of(4, 6), CounterRandom.bits(CounterRandom.bits(SEED, 1), 0)).toArray();
        float[] gumbel = new float[u.length];
        for (int i = 0; i < u.length; i++) {
            gumbel[i] = (float) -Math.log(-Math.log(u[i] + 1e-10) + 1e-10);
        }
        Tensor same = logits.detach().requiresGrad(true);
        same.add(Tensor.of(backend, gumbel, 4, 6)).div(2f).reshape(4, 2, 3).softmax(2).reshape(4, 6)
                .mul(upstream).sum().backward();
        assertArrayEquals(same.grad().toArray(), x.grad().toArray(), 1e-5f);
    }

    @Test
    void inferenceIsTheNoiselessArgmax() {
        for (GumbelSoftmaxBridge.Variant variant : GumbelSoftmaxBridge.Variant.values()) {
            GumbelSoftmaxBridge b = bridge(variant, 1);
            try (var _ = Autograd.noGrad()) {
                assertArrayEquals(new OneHotArgmax(2).apply(logits).toArray(), b.forward(logits).toArray(), variant.name());
            }
        }
    }

    @Test
    void hardSamplesFollowTheSoftmaxOfTheLogits() {
        int rows = 4000;
        float[] x = new float[rows * 4];
        float[] row = {1f, 0f, -1f, 0.5f};
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, x, r * 4, 4);
        }
        GumbelSoftmaxBridge hard = new GumbelSoftmaxBridge(1, STRAIGHT_THROUGH, TemperatureSchedule.constant(1), 3);
        hard.anneal(1);
        float[] samples = hard.forward(Tensor.of(backend, x, rows, 4)).toArray();
        double total = 0;
        for (float v : row) {
            total += Math.exp(v);
        }
        for (int c = 0; c < 4; c++) {
            int count = 0;
            for (int r = 0; r < rows; r++) {
                count += (int) samples[r * 4 + c];
            }
            double expected = Math.exp(row[c]) / total;
            assertEquals(expected, count / (double) rows, 0.03, "category " + c);
        }
    }

    @Test
    void temperatureFollowsTheSchedule() {
        GumbelSoftmaxBridge b = new GumbelSoftmaxBridge(2, SOFT, TemperatureSchedule.annealed(1, 0.5, 100), 1);
        assertEquals(1.0, b.temperature());
        b.anneal(100);
        assertEquals(0.5, b.temperature(), 1e-9);
        Tensor x = logits.detach().requiresGrad(true);
        float[] y = b.forward(x).toArray();
        for (int g = 0; g < y.length; g += 3) {
            assertEquals(1f, y[g] + y[g + 1] + y[g + 2], 1e-5f, "each group sums to one");
        }
        assertThrows(IllegalArgumentException.class, () -> b.anneal(-1));
        assertEquals(SOFT, new GumbelSoftmaxBridge(3, SOFT, TemperatureSchedule.constant(1), 0).variant());
    }
}
