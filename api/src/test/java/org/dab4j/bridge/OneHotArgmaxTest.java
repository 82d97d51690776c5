package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneHotArgmaxTest {
    private final Backend backend = new ReferenceBackend();

    @Test
    void eachGroupBecomesTheOneHotOfItsMaximum() {
        Tensor x = Tensor.of(backend, new float[]{
                0.1f, 0.9f, -1f, /* | */ 5f, 4f, 3f,
                -2f, -3f, -1f, /* | */ 0f, 0f, 0f}, 2, 6);
        assertArrayEquals(new float[]{
                0, 1, 0, 1, 0, 0,
                0, 0, 1, 1, 0, 0}, new OneHotArgmax(2).apply(x).toArray(), "ties go to the first index");
        assertEquals(Shape.of(2, 6), new OneHotArgmax(2).apply(x).shape());
        assertArrayEquals(new float[]{0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0}, new OneHotArgmax(1).apply(x).toArray());
    }

    @Test
    void worksOnOneRowAndHigherRanks() {
        Tensor row = Tensor.of(backend, new float[]{1, 2, 4, 3}, 4);
        assertArrayEquals(new float[]{0, 1, 1, 0}, new OneHotArgmax(2).apply(row).toArray());
        Tensor cube = Tensor.of(backend, new float[]{1, 0, 0, 1, 1, 0, 0, 1}, 2, 2, 2);
        assertArrayEquals(cube.toArray(), new OneHotArgmax(1).apply(cube).toArray());
    }

    @Test
    void badGroupingIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> new OneHotArgmax(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OneHotArgmax(4).apply(Tensor.zeros(backend, 3, 10)));
        assertTrue(e.getMessage().contains("[3, 10]") && e.getMessage().contains("4 equal groups"), e.getMessage());
    }

    @Test
    void behindDabAndStraightThroughBridges() {
        Tensor logits = Tensor.normal(backend, Shape.of(5, 6), 3).requiresGrad(true);
        Tensor upstream = Tensor.normal(backend, Shape.of(5, 6), 4);
        Tensor expected = new OneHotArgmax(2).apply(logits.detach());

        DabBridge dab = new DabBridge(new OneHotArgmax(2), Approximators.dense(backend, 5, 6, 8, 6));
        Tensor out = dab.forward(logits);
        assertArrayEquals(expected.toArray(), out.toArray());
        out.mul(upstream).sum().backward();
        Tensor at = logits.detach().requiresGrad(true);
        Tensor viaApproximator = Autograd.grad(dab.approximator().forward(at), upstream, at)[0];
        assertArrayEquals(viaApproximator.toArray(), logits.grad().toArray(), 1e-6f);

        logits.zeroGrad();
        StraightThroughBridge ste = new StraightThroughBridge(new OneHotArgmax(2));
        Tensor passed = ste.forward(logits);
        assertArrayEquals(expected.toArray(), passed.toArray());
        passed.mul(upstream).sum().backward();
        assertArrayEquals(upstream.toArray(), logits.grad().toArray());
    }
}
