package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.nn.Module;
import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.dab4j.bridge.BinaryConcreteBridge.Variant.RELAXED;
import static org.dab4j.bridge.BinaryConcreteBridge.Variant.STRAIGHT_THROUGH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DAB, straight-through and binary concrete around a Bernoulli sample, on fixed noise. */
class StochasticBinaryBridgesTest {
    private final Backend backend = new ReferenceBackend();
    private final Tensor logits = Tensor.normal(backend, Shape.of(4, 5), 1).mul(1.5f);
    private final Tensor u = Tensor.uniform(backend, Shape.of(4, 5), 2);
    private final Tensor upstream = Tensor.normal(backend, Shape.of(4, 5), 3);

    /** An approximator with a known Jacobian: tanh, no weights. */
    private static final class TanhApproximator extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.tanh();
        }
    }

    private float[] perturbed() {
        float[] l = logits.toArray();
        float[] uu = u.toArray();
        float[] z = new float[l.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (l[i] + Math.log(1 - uu[i]) - Math.log(uu[i]));
        }
        return z;
    }

    private float[] sample() {
        return BernoulliSample.draw(logits, u).toArray();
    }

    private List<StochasticBinaryBridge> all() {
        return List.of(new BernoulliDabBridge(new TanhApproximator(), 7), new BernoulliStraightThroughBridge(7),
                new BinaryConcreteBridge(STRAIGHT_THROUGH, TemperatureSchedule.constant(0.5), 7),
                new ReinforceBridge(0.9, 7));
    }

    @Test
    void everyEstimatorOutputsTheBernoulliSampleInTrainingAndInference() {
        for (StochasticBinaryBridge bridge : all()) {
            Tensor x = logits.detach().requiresGrad(true);
            assertArrayEquals(sample(), bridge.forward(x, u).toArray(), bridge.getClass().getSimpleName());
            try (var _ = Autograd.noGrad()) {
                assertArrayEquals(sample(), bridge.forward(x, u).toArray(), bridge.getClass().getSimpleName());
            }
            assertTrue(bridge.hardFunction() instanceof BernoulliSample);
        }
        try (var _ = Autograd.noGrad()) {
            assertArrayEquals(sample(), new BinaryConcreteBridge(RELAXED, TemperatureSchedule.constant(1), 7)
                    .forward(logits, u).toArray(), "the relaxed variant samples hard values at inference");
        }
    }

    @Test
    void theNoiseIsAPureFunctionOfSeedStepAndDraw() {
        for (StochasticBinaryBridge bridge : all()) {
            Tensor x = Tensor.zeros(backend, 50, 8);
            bridge.startStep(3);
            float[] first = bridge.forward(x).toArray();
            float[] second = bridge.forward(x).toArray();
            bridge.startStep(3);
            assertArrayEquals(first, bridge.forward(x).toArray());
            assertFalse(Arrays.equals(first, second), "a second draw in one step takes fresh noise");
            bridge.startStep(4);
            assertFalse(Arrays.equals(first, bridge.forward(x).toArray()));
            assertThrows(IllegalArgumentException.class, () -> bridge.startStep(-1));
        }
    }

    @Test
    void dabRoutesTheGradientThroughTheApproximatorAtThePerturbedLogits() {
        BernoulliDabBridge dab = new BernoulliDabBridge(new TanhApproximator(), 7);
        Tensor x = logits.detach().requiresGrad(true);
        dab.forward(x, u).mul(upstream).sum().backward();
        float[] z = perturbed();
        float[] g = upstream.toArray();
        float[] b = sample();
        float[] expected = new float[z.length];
        double dabLoss = 0;
        for (int i = 0; i < z.length; i++) {
            double t = Math.tanh(z[i]);
            expected[i] = (float) (g[i] * (1 - t * t));
            dabLoss += (t - b[i]) * (t - b[i]);
        }
        assertArrayEquals(expected, x.grad().toArray(), 1e-4f);
        assertEquals(dabLoss / 4, dab.auxiliaryLoss().item(), 1e-4);
        assertEquals(1, Bridges.of(new BernoulliDabBridge(Approximators.elementwiseShared(backend, 1, 4), 1)).size(),
                "the inner DAB bridge is not a second bridge of the model");
    }

    @Test
    void dabApproximatorLearnsOnlyFromTheDabLoss() {
        Module approximator = Approximators.elementwiseShared(backend, 5, 4);
        BernoulliDabBridge dab = new BernoulliDabBridge(approximator, 7);
        assertEquals(approximator.parameters(), dab.parameters());
        Tensor x = logits.detach().requiresGrad(true);
        dab.forward(x, u).mul(upstream).sum().backward(true);
        for (Tensor p : approximator.parameters()) {
            assertNull(p.grad(), "the task loss reached the approximator");
        }
        dab.auxiliaryLoss().backward();
        for (Tensor p : approximator.parameters()) {
            assertTrue(Arrays.stream(toDouble(p.grad().toArray())).anyMatch(v -> v != 0));
        }
        try (var _ = Autograd.noGrad()) {
            dab.forward(x, u);
        }
        assertNull(dab.auxiliaryLoss());
    }

    @Test
    void straightThroughPassesTheGradientOfTheMean() {
        Tensor x = logits.detach().requiresGrad(true);
        new BernoulliStraightThroughBridge(7).forward(x, u).mul(upstream).sum().backward();
        Tensor same = logits.detach().requiresGrad(true);
        same.sigmoid().mul(upstream).sum().backward();
        assertArrayEquals(same.grad().toArray(), x.grad().toArray(), 1e-6f);
        assertNull(new BernoulliStraightThroughBridge(7).auxiliaryLoss());
    }

    @Test
    void relaxedBinaryConcreteIsTheSigmoidOfThePerturbedLogitsOverTheTemperature() {
        BinaryConcreteBridge relaxed = new BinaryConcreteBridge(RELAXED, TemperatureSchedule.constant(0.7), 7);
        float[] z = perturbed();
        float[] expected = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            expected[i] = (float) (1 / (1 + Math.exp(-z[i] / 0.7)));
        }
        Tensor x = logits.detach().requiresGrad(true);
        Tensor y = relaxed.forward(x, u);
        assertArrayEquals(expected, y.toArray(), 1e-5f);
        y.mul(upstream).sum().backward();
        Tensor same = logits.detach().requiresGrad(true);
        float[] noise = perturbed();
        for (int i = 0; i < noise.length; i++) {
            noise[i] -= logits.toArray()[i];
        }
        same.add(Tensor.of(backend, noise, 4, 5)).div(0.7f).sigmoid().mul(upstream).sum().backward();
        assertArrayEquals(same.grad().toArray(), x.grad().toArray(), 1e-5f);
        assertNull(relaxed.auxiliaryLoss());
    }

    @Test
    void straightThroughBinaryConcreteTakesTheRelaxedGradient() {
        Tensor x = logits.detach().requiresGrad(true);
        new BinaryConcreteBridge(STRAIGHT_THROUGH, TemperatureSchedule.constant(0.5), 7).forward(x, u)
                .mul(upstream).sum().backward();
        Tensor same = logits.detach().requiresGrad(true);
        new BinaryConcreteBridge(RELAXED, TemperatureSchedule.constant(0.5), 7).forward(same, u)
                .mul(upstream).sum().backward();
        assertArrayEquals(same.grad().toArray(), x.grad().toArray(), 1e-6f);
    }

    @Test
    void temperatureFollowsTheScheduleByStep() {
        BinaryConcreteBridge bridge = new BinaryConcreteBridge(RELAXED, TemperatureSchedule.annealed(1, 0.5, 100), 7);
        assertEquals(1.0, bridge.temperature());
        bridge.startStep(100);
        assertEquals(0.5, bridge.temperature(), 1e-9);
        assertEquals(RELAXED, bridge.variant());
    }

    @Test
    void missingPartsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BernoulliDabBridge(null, 1))
                .getMessage().contains("approximator"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BinaryConcreteBridge(null,
                TemperatureSchedule.constant(1), 1)).getMessage().contains("variant"));
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
