package org.dab4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.CountingBackend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;
import org.junit.jupiter.api.Test;

/** A training loop through a DAB bridge gives back, at the end of each step, all the memory the step took. */
class DabBridgeScopeTest {
    private static final int STEPS = 50;

    private final CountingBackend counting = new CountingBackend(new ReferenceBackend());
    private final Backend backend = counting.backend();
    private final Linear before = new Linear(backend, 4, 6, Init.XAVIER_UNIFORM, 21);
    private final DabBridge bridge = new DabBridge(new SignumWithMargin(0.3f), Approximators.dense(backend, 22, 6, 8, 6));
    private final Tensor input = Tensor.normal(backend, Shape.of(5, 4), 23);
    private final Tensor bridgeInput = Tensor.normal(backend, Shape.of(5, 6), 25);
    private final Tensor taskWeights = Tensor.normal(backend, Shape.of(5, 6), 24);

    /** Runs one warm-up step (which allocates the parameters' gradients), then {@link #STEPS} more. */
    private void assertNoGrowth(Runnable step) {
        try (var _ = TensorScope.open()) {
            step.run();
        }
        int live = counting.liveStorages();
        for (int i = 0; i < STEPS; i++) {
            try (var _ = TensorScope.open()) {
                step.run();
            }
        }
        assertEquals(live, counting.liveStorages(), "live storages after " + STEPS + " more steps");
        for (Tensor p : bridge.approximator().parameters()) {
            assertNotNull(p.grad(), "the DAB loss must reach the approximator");
        }
    }

    @Test
    void aBridgeWhoseInputNeedsNoGradientLeaksNothing() {
        assertNoGrowth(() -> {
            bridge.forward(bridgeInput).mul(taskWeights).sum().item();
            bridge.auxiliaryLoss().backward();
        });
    }

    @Test
    void aBridgeWhoseInputNeedsNoGradientComputesNoInputGradient() {
        try (var _ = TensorScope.open()) {
            bridge.forward(bridgeInput);
            counting.resetProducts();
            bridge.auxiliaryLoss().backward();
        }
        assertEquals(3, counting.products(), "one product per approximator weight and one towards its hidden"
                + " layer, none towards the bridge's input");
    }

    @Test
    void aBackwardOfTheDabLossAloneLeaksNothing() {
        assertNoGrowth(() -> {
            bridge.forward(before.forward(input));
            bridge.auxiliaryLoss().backward();
        });
    }

    @Test
    void aBackwardOfTheDabLossAloneFromAScopedLeafLeaksNothing() {
        assertNoGrowth(() -> {
            bridge.forward(bridgeInput.mul(1f).requiresGrad(true));
            bridge.auxiliaryLoss().backward();
        });
    }

    @Test
    void aBackwardOfTaskAndDabLossLeaksNothing() {
        assertNoGrowth(() -> {
            Tensor out = bridge.forward(before.forward(input));
            out.mul(taskWeights).sum().add(bridge.auxiliaryLoss()).backward();
        });
    }
}
