package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.autograd.GradientCheck;
import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Module;
import org.dab4j.nn.Sequential;
import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DAB rule of DESIGN.md, checked one clause at a time. */
class DabBridgeTest {
    private static final float EPS = 0.3f;
    private final Backend backend = new ReferenceBackend();

    /** before: Linear 4 → 6; bridge: signum with margin, approximator 6 → 8 → 6. */
    private final Linear before = new Linear(backend, 4, 6, Init.XAVIER_UNIFORM, 11);
    private final DabBridge bridge = new DabBridge(new SignumWithMargin(EPS), Approximators.dense(backend, 12, 6, 8, 6));
    private final Module model = new Sequential(before, bridge);
    private final Tensor input = Tensor.normal(backend, Shape.of(5, 4), 13);
    private final Tensor taskWeights = Tensor.normal(backend, Shape.of(5, 6), 14);

    private static float signum(float v) {
        return v > EPS ? 1f : v < -EPS ? -1f : 0f;
    }

    @Test
    void outputsExactlyTheHardFunctionInTrainingAndInference() {
        float[] pre = before.forward(input).toArray();
        float[] expected = new float[pre.length];
        for (int i = 0; i < pre.length; i++) {
            expected[i] = signum(pre[i]);
        }
        assertArrayEquals(expected, model.forward(input).toArray());
        try (var _ = Autograd.noGrad()) {
            assertArrayEquals(expected, model.forward(input).toArray());
            assertNull(bridge.auxiliaryLoss(), "inference must not evaluate the approximator");
        }
    }

    @Test
    void dabLossIsTheBatchMeanOfPerSampleSquaredError() {
        Tensor x = before.forward(input);
        Tensor hard = model.forward(input);
        float[] h = hard.toArray();
        float[] g = bridge.approximator().forward(x.detach()).toArray();
        double perBatch = 0;
        for (int i = 0; i < g.length; i++) {
            perBatch += (g[i] - h[i]) * (g[i] - h[i]);
        }
        assertEquals(perBatch / 5, Bridges.dabLoss(model).item(), 1e-5);
    }

    @Test
    void taskLossNeverReachesTheApproximator() {
        model.forward(input).mul(taskWeights).sum().backward();
        for (var p : bridge.approximator().namedParameters().entrySet()) {
            assertAllZeroOrAbsent(p.getValue().grad(), "approximator " + p.getKey() + " after the task loss");
        }
        assertHasNonZero(before.weight().grad(), "layer before the bridge after the task loss");
    }

    @Test
    void dabLossTrainsTheApproximatorAndNeverTheLayersBeforeIt() {
        model.forward(input);
        Bridges.dabLoss(model).backward();
        assertAllZeroOrAbsent(before.weight().grad(), "layer before the bridge after the DAB loss");
        assertAllZeroOrAbsent(before.bias().grad(), "layer before the bridge after the DAB loss");
        for (var p : bridge.approximator().namedParameters().entrySet()) {
            assertHasNonZero(p.getValue().grad(), "approximator " + p.getKey() + " after the DAB loss");
        }
    }

    @Test
    void gradientReachesTheInputThroughTheApproximatorsJacobian() {
        Tensor x = Tensor.normal(backend, Shape.of(5, 6), 15).requiresGrad(true);
        bridge.forward(x).mul(taskWeights).sum().backward();

        // J_g(x)^T c, computed directly: the gradient of sum(c * g(x)) with respect to x.
        Tensor same = x.detach().requiresGrad(true);
        bridge.approximator().forward(same).mul(taskWeights).sum().backward();
        assertArrayEquals(same.grad().toArray(), x.grad().toArray(), 1e-6f);
        GradientCheck.check(backend, in -> bridge.approximator().forward(in[0]).mul(taskWeights).sum(),
                x.detach().requiresGrad(true));
    }

    @Test
    void totalLossSplitsExactlyIntoTheTwoRoutes() {
        float gamma = 10f;
        model.forward(input).mul(taskWeights).sum().add(Bridges.dabLoss(model).mul(gamma)).backward();
        float[] combinedBefore = before.weight().grad().toArray();
        float[] combinedApprox = bridge.approximator().parameters().getFirst().grad().toArray();

        model.zeroGrad();
        model.forward(input).mul(taskWeights).sum().backward();
        assertArrayEquals(before.weight().grad().toArray(), combinedBefore, 1e-6f);
        model.zeroGrad();
        model.forward(input);
        Bridges.dabLoss(model).mul(gamma).backward();
        assertArrayEquals(bridge.approximator().parameters().getFirst().grad().toArray(), combinedApprox, 1e-5f);
    }

    @Test
    void averagesTheDabLossOfSeveralBridges() {
        DabBridge second = new DabBridge(new Sign(), Approximators.elementwiseShared(backend, 21, 4));
        Module two = new Sequential(before, bridge, second);
        two.forward(input);
        float expected = (bridge.auxiliaryLoss().item() + second.auxiliaryLoss().item()) / 2;
        assertEquals(expected, Bridges.dabLoss(two).item(), 1e-6f);
    }

    @Test
    void approximatorWithTheWrongOutputShapeIsNamed() {
        DabBridge wrong = new DabBridge(new Sign(), Approximators.dense(backend, 1, 6, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> wrong.forward(Tensor.zeros(backend, 2, 6)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 6]"), e.getMessage());
    }

    static void assertAllZeroOrAbsent(Tensor grad, String what) {
        if (grad == null) {
            return;
        }
        for (float v : grad.toArray()) {
            assertEquals(0f, v, what + " must have no gradient");
        }
    }

    static void assertHasNonZero(Tensor grad, String what) {
        assertNotNull(grad, what + " must have a gradient");
        boolean any = false;
        for (float v : grad.toArray()) {
            any |= v != 0f;
        }
        assertTrue(any, what + " must have a non-zero gradient");
    }
}
