package org.dab4j.bridge;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StraightThroughBridgeTest {
    private final Backend backend = new ReferenceBackend();

    @Test
    void outputsTheHardValueAndPassesTheGradientUnchanged() {
        Tensor x = Tensor.normal(backend, Shape.of(3, 4), 1).requiresGrad(true);
        Tensor upstream = Tensor.normal(backend, Shape.of(3, 4), 2);
        StraightThroughBridge bridge = new StraightThroughBridge(new Sign());
        Tensor out = bridge.forward(x);
        assertArrayEquals(new Sign().apply(x.detach()).toArray(), out.toArray());
        out.mul(upstream).sum().backward();
        assertArrayEquals(upstream.toArray(), x.grad().toArray());
        assertNull(bridge.auxiliaryLoss());
        assertNull(Bridges.dabLoss(bridge));
    }
}
