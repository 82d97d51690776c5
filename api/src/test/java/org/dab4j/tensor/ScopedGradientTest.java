package org.dab4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dab4j.autograd.CustomFunction;
import org.dab4j.reference.ReferenceBackend;
import org.junit.jupiter.api.Test;

/** A leaf's gradient buffer lives exactly as long as the leaf's storage, whatever scope the backward pass runs in. */
class ScopedGradientTest {
    private final CountingBackend counting = new CountingBackend(new ReferenceBackend());
    private final Backend backend = counting.backend();

    /** Whether the tensor's memory was given back ({@link Tensor#storage()} refuses released storage). */
    private static boolean isReleased(Tensor t) {
        try {
            t.storage();
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private Tensor vector(float... values) {
        return Tensor.of(backend, values, values.length);
    }

    @Test
    void aLeafMadeInAScopeKeepsItsGradientUntilThatScopeCloses() {
        Tensor grad;
        try (var _ = TensorScope.open()) {
            Tensor x = vector(1f, 2f, 3f).requiresGrad(true);
            try (var _ = TensorScope.open()) {
                x.square().sum().backward();
            }
            grad = x.grad();
            assertArrayEquals(new float[] {2f, 4f, 6f}, grad.toArray());
        }
        assertTrue(isReleased(grad), "the gradient of a scoped leaf must be released with its scope");
        assertEquals(0, counting.liveStorages());
    }

    @Test
    void aViewOfAScopedLeafGetsItsGradientReleasedByTheLeafsScope() {
        Tensor grad;
        try (var _ = TensorScope.open()) {
            Tensor base = vector(1f, -2f);
            Tensor view;
            try (var _ = TensorScope.open()) {
                view = base.detach().requiresGrad(true);
                view.mul(3f).sum().backward();
            }
            grad = view.grad();
            assertArrayEquals(new float[] {3f, 3f}, grad.toArray(), "readable after the inner scope closed");
        }
        assertTrue(isReleased(grad));
        assertEquals(0, counting.liveStorages());
    }

    @Test
    void aGradientFirstMadeInsideACustomFunctionBackwardOutlivesThatBackward() {
        Tensor grad;
        try (var _ = TensorScope.open()) {
            Tensor x = vector(1f, 2f).requiresGrad(true);
            Tensor y = CustomFunction.apply("viaInnerLeaf", new Tensor[] {x}, in -> in[0].mul(1f), g -> {
                Tensor inner = x.detach().requiresGrad(true);
                inner.mul(g).sum().backward();
                return new Tensor[] {inner.grad()};
            });
            y.mul(vector(5f, 7f)).sum().backward();
            assertArrayEquals(new float[] {5f, 7f}, x.grad().toArray());
            grad = x.grad();
        }
        assertTrue(isReleased(grad));
        assertEquals(0, counting.liveStorages());
    }

    @Test
    void parameterGradientsSurviveEveryStepAndAreReleasedWithTheParameter() {
        Tensor parameter = vector(1f, 2f).requiresGrad(true);
        for (int step = 0; step < 3; step++) {
            try (var _ = TensorScope.open()) {
                parameter.mul(vector(4f, 5f)).sum().backward();
            }
            assertEquals(2, counting.liveStorages(), "the parameter and its gradient, nothing else");
        }
        assertArrayEquals(new float[] {12f, 15f}, parameter.grad().toArray());
        Tensor grad = parameter.grad();
        parameter.release();
        assertTrue(isReleased(grad));
        assertEquals(0, counting.liveStorages());
    }

    @Test
    void aViewOfAParameterMadeInAScopeGetsItsGradientReleasedByThatScope() {
        Tensor parameter = vector(1f, 2f);
        for (int step = 0; step < 3; step++) {
            Tensor grad;
            try (var _ = TensorScope.open()) {
                Tensor view = parameter.detach().requiresGrad(true);
                view.square().sum().backward();
                grad = view.grad();
                assertArrayEquals(new float[] {2f, 4f}, grad.toArray());
            }
            assertTrue(isReleased(grad));
            assertFalse(isReleased(parameter), "the view's scope must not release the parameter");
            assertEquals(1, counting.liveStorages());
        }
    }

    @Test
    void aKeptLeafTakesItsGradientToTheEnclosingScope() {
        Tensor grad;
        try (var _ = TensorScope.open()) {
            Tensor x;
            try (TensorScope inner = TensorScope.open()) {
                x = inner.keep(vector(3f).requiresGrad(true));
                x.mul(2f).sum().backward();
            }
            grad = x.grad();
            assertArrayEquals(new float[] {2f}, grad.toArray(), "the kept leaf's gradient survives the inner scope");
        }
        assertTrue(isReleased(grad));
        assertEquals(0, counting.liveStorages());
    }

    @Test
    void aGradientReachingALeafWhoseScopeClosedIsRefused() {
        Tensor loss;
        try (var _ = TensorScope.open()) {
            loss = vector(1f, 2f).requiresGrad(true).mul(2f).sum();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("after its storage was released"), e.getMessage());
        assertEquals(0, counting.liveStorages());
    }
}
