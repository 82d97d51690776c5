package org.dab4j.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The bridge's backward can be walked twice over a retained graph and gives the same gradients. */
class DabBridgeRepeatTest {
    private final Backend backend = new ReferenceBackend();

    @Test
    void retainedGraphGivesTheSameGradientsTwice() {
        DabBridge bridge = new DabBridge(new SignumWithMargin(0.3f), Approximators.dense(backend, 5, 6, 8, 6));
        Tensor x = Tensor.normal(backend, Shape.of(5, 6), 6).requiresGrad(true);
        Tensor weights = Tensor.normal(backend, Shape.of(5, 6), 7);
        Tensor loss = bridge.forward(x).mul(weights).sum().add(bridge.auxiliaryLoss().mul(10f));

        loss.backward(true);
        float[] inputGradient = x.grad().toArray();
        Tensor approximatorWeight = bridge.approximator().parameters().getFirst();
        float[] weightGradient = approximatorWeight.grad().toArray();
        x.zeroGrad();
        bridge.zeroGrad();
        loss.backward();
        assertArrayEquals(inputGradient, x.grad().toArray());
        assertArrayEquals(weightGradient, approximatorWeight.grad().toArray());
    }
}
