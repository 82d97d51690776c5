package org.dab4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;
import org.junit.jupiter.api.Test;

/** The tape's behaviour: accumulation, grad modes, detach, functional gradients, re-entrancy, deep graphs. */
class AutogradTest {
    private final Backend b = new ReferenceBackend();

    private Tensor vector(float... values) {
        return Tensor.of(b, values, values.length);
    }

    @Test
    void gradientsAccumulateOverBackwardPassesUntilZeroed() {
        Tensor x = vector(1, 2, 3).requiresGrad(true);
        assertNull(x.grad());
        x.mul(2f).sum().backward();
        x.mul(2f).sum().backward();
        assertArrayEquals(new float[] {4, 4, 4}, x.grad().toArray());
        x.zeroGrad();
        assertArrayEquals(new float[] {0, 0, 0}, x.grad().toArray());
    }

    @Test
    void noGradScopesNestAndEnableGradOverridesThem() {
        Tensor x = vector(1, 2).requiresGrad(true);
        assertTrue(Autograd.isGradEnabled());
        try (var _ = Autograd.noGrad()) {
            try (var _ = Autograd.noGrad()) {
                assertFalse(Autograd.isGradEnabled());
            }
            assertFalse(Autograd.isGradEnabled());
            Tensor y = x.mul(2f);
            assertFalse(y.requiresGrad());
            assertNull(y.gradFn());
            try (var _ = Autograd.enableGrad()) {
                assertTrue(x.mul(2f).requiresGrad());
            }
            assertFalse(Autograd.isGradEnabled());
        }
        assertTrue(Autograd.isGradEnabled());
        assertEquals("mul", x.mul(2f).gradFn().op());
    }

    @Test
    void detachSharesStorageButCutsTheHistory() {
        Tensor x = vector(1, 2).requiresGrad(true);
        Tensor y = x.mul(3f);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertNull(d.gradFn());
        assertSame(y.storage(), d.storage());
        y.add(d).sum().backward();
        assertArrayEquals(new float[] {3, 3}, x.grad().toArray());
    }

    @Test
    void functionalGradLeavesGradsAndGraphAlone() {
        Tensor x = vector(1, 2, 3).requiresGrad(true);
        Tensor w = vector(4, 5, 6).requiresGrad(true);
        Tensor unrelated = vector(7).requiresGrad(true);
        Tensor h = x.mul(w);
        Tensor y = h.square().sum();
        Tensor[] g = Autograd.grad(y, Tensor.scalar(b, 1f), x, h, unrelated);
        assertArrayEquals(new float[] {32, 100, 216}, g[0].toArray());
        assertArrayEquals(new float[] {8, 20, 36}, g[1].toArray());
        assertArrayEquals(new float[] {0}, g[2].toArray());
        assertNull(x.grad());
        assertNull(w.grad());
        y.backward();
        assertArrayEquals(new float[] {32, 100, 216}, x.grad().toArray());
    }

    @Test
    void functionalGradScalesByTheUpstreamGradient() {
        Tensor x = vector(1, -2).requiresGrad(true);
        Tensor y = x.square();
        Tensor[] g = Autograd.grad(y, vector(3, 0.5f), x);
        assertArrayEquals(new float[] {6, -2}, g[0].toArray());
        assertThrows(IllegalArgumentException.class, () -> Autograd.grad(y, vector(1), x));
    }

    @Test
    void customBackwardMayCallGradDuringTheOuterBackward() {
        Tensor x = vector(0.3f, -0.2f, 0.7f).requiresGrad(true);
        Tensor w = vector(0.5f, -1.5f, 2f).requiresGrad(true);
        Tensor c = vector(1, 2, 3);
        Tensor scaled = x.mul(2f);
        Tensor y = CustomFunction.apply("signWithTanhSurrogate", new Tensor[] {scaled},
                in -> in[0].sign(),
                grad -> {
                    Tensor at = scaled.detach().requiresGrad(true);
                    return Autograd.grad(at.mul(w).tanh(), grad, at);
                });
        assertArrayEquals(new float[] {1, -1, 1}, y.toArray());
        y.mul(c).sum().add(w.sum()).backward();

        float[] xs = x.toArray();
        float[] ws = w.toArray();
        float[] cs = c.toArray();
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) {
            double t = Math.tanh(ws[i] * 2 * xs[i]);
            expected[i] = (float) (2 * cs[i] * ws[i] * (1 - t * t));
        }
        assertArrayEquals(expected, x.grad().toArray(), 1e-5f);
        assertArrayEquals(new float[] {1, 1, 1}, w.grad().toArray(), "the surrogate must not add to w's gradient");
    }

    @Test
    void customFunctionResultIsAFreshTensorEvenWhenForwardReturnsItsInput() {
        Tensor x = vector(1, 2).requiresGrad(true);
        Tensor y = CustomFunction.apply("identity", new Tensor[] {x}, in -> in[0], g -> new Tensor[] {g.mul(5f)});
        assertNotSame(x, y);
        assertNull(x.gradFn());
        y.sum().backward();
        assertArrayEquals(new float[] {5, 5}, x.grad().toArray());
    }

    @Test
    void customFunctionMustAnswerOneGradientOfTheRightShapePerInput() {
        Tensor x = vector(1, 2).requiresGrad(true);
        Tensor tooMany = CustomFunction.apply("tooMany", new Tensor[] {x}, in -> in[0].mul(1f),
                g -> new Tensor[] {g, g});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tooMany.sum().backward());
        assertTrue(e.getMessage().contains("tooMany"), e.getMessage());
        Tensor wrongShape = CustomFunction.apply("wrongShape", new Tensor[] {x}, in -> in[0].mul(1f),
                g -> new Tensor[] {g.sum()});
        e = assertThrows(IllegalStateException.class, () -> wrongShape.sum().backward());
        assertTrue(e.getMessage().contains("wrongShape") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void aTenThousandOpChainNeedsNoRecursion() {
        Tensor x = Tensor.scalar(b, 1f).requiresGrad(true);
        try (var _ = TensorScope.open()) {
            Tensor t = x;
            for (int i = 0; i < 10_000; i++) {
                t = t.mul(1.00001f);
            }
            t.backward();
        }
        assertEquals(Math.pow(1.00001, 10_000), x.grad().item(), 1e-3);
    }

    @Test
    void backwardFreesTheGraphUnlessAskedToRetainIt() {
        Tensor x = vector(1, 2).requiresGrad(true);
        Tensor y = x.mul(2f).sum();
        y.backward(true);
        y.backward();
        assertArrayEquals(new float[] {4, 4}, x.grad().toArray());
        assertTrue(y.gradFn().isFreed());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("freed"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> Autograd.grad(y, Tensor.scalar(b, 1f), x));
        assertTrue(e.getMessage().contains("freed"), e.getMessage());
    }

    @Test
    void backwardNeedsAOneElementOutputThatRequiresGrad() {
        Tensor x = vector(1, 2).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.mul(2f).backward());
        assertTrue(e.getMessage().contains("one-element"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> vector(1).backward());
        Autograd.backward(x.mul(2f), vector(1, 10), false);
        assertArrayEquals(new float[] {2, 20}, x.grad().toArray());
    }

    @Test
    void onlyLeavesCanDropRequiresGrad() {
        Tensor x = vector(1).requiresGrad(true);
        Tensor y = x.mul(2f);
        assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
        assertFalse(x.requiresGrad(false).requiresGrad());
    }

    @Test
    void operationsWithoutGradientNeverRequireGrad() {
        Tensor x = Tensor.of(b, new float[] {0.4f, -1.6f, 2.5f, 0f, 3f, 1f}, 2, 3).requiresGrad(true);
        Tensor[] results = {x.sign(), x.round(), x.sort(), x.argsort(), x.argmax(1), x.gt(x.mul(0.5f)),
                x.lt(0f), x.ge(x), x.le(x), x.eq(x), x.gt(1f)};
        for (Tensor r : results) {
            assertFalse(r.requiresGrad(), r.toString());
        }
        assertArrayEquals(new float[] {-1.6f, 0.4f, 2.5f, 0f, 1f, 3f}, x.sort().toArray());
        assertArrayEquals(new float[] {1, 0, 2, 0, 2, 1}, x.argsort().toArray());
        assertArrayEquals(new float[] {2, 1}, x.argmax(-1).toArray());
        assertArrayEquals(new float[] {0, -2, 2, 0, 3, 1}, x.round().toArray());
    }

    @Test
    void shapeMismatchesNameBothShapes() {
        Tensor a = Tensor.zeros(b, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.matmul(Tensor.zeros(b, 4, 5)));
        assertEquals("matmul: [2, 3] x [4, 5]: inner dimensions 3 and 4 differ", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.add(Tensor.zeros(b, 4)));
        assertTrue(e.getMessage().startsWith("add:") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.reshape(4, 2));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.gather(1, Tensor.zeros(b, 3)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.where(a, a, Tensor.zeros(b, 3, 2)));
        assertTrue(e.getMessage().contains("[3, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.sum(2));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void gradientCheckReportsAWrongRule() {
        AssertionError e = assertThrows(AssertionError.class, () -> GradientCheck.check(b, "wrongSquare",
                in -> CustomFunction.apply("wrongSquare", in, x -> x[0].square(), g -> new Tensor[] {g.mul(in[0])}),
                vector(0.5f, -1f, 2f)));
        assertTrue(e.getMessage().contains("'wrongSquare'") && e.getMessage().contains("input 0 [3] at [0]"),
                e.getMessage());
    }
}
