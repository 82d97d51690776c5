package org.dab4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Sequential;
import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

/** Gradient rules compute only what a pass will read: a vector-Jacobian product skips the weights' products. */
class GradientWorkTest {
    private final AtomicInteger products = new AtomicInteger();
    private final Backend backend = countingProducts(new ReferenceBackend());
    private final Linear first = new Linear(backend, 4, 5, Init.XAVIER_UNIFORM, 1, UnaryOp.TANH);
    private final Linear second = new Linear(backend, 5, 3, Init.XAVIER_UNIFORM, 2);
    private final Sequential net = new Sequential(first, second);

    private Backend countingProducts(Backend inner) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("matmul")) {
                        products.incrementAndGet();
                    }
                    try {
                        return method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void vectorJacobianProductRunsOnlyTheProductsTowardsTheInput() {
        Tensor x = Tensor.normal(backend, Shape.of(2, 4), 3).requiresGrad(true);
        Tensor y = net.forward(x);
        Tensor upstream = Tensor.normal(backend, Shape.of(2, 3), 4);
        products.set(0);
        Tensor dx = Autograd.grad(y, upstream, x)[0];
        assertEquals(2, products.get(), "one product per layer, towards x only");
        for (Tensor p : net.parameters()) {
            assertNull(p.grad(), "grad() touches no parameter");
        }

        net.forward(x).mul(upstream).sum().backward();
        assertArrayEquals(x.grad().toArray(), dx.toArray(), 1e-6f);
    }

    @Test
    void backwardStillComputesEveryParameterGradient() {
        Tensor x = Tensor.normal(backend, Shape.of(2, 4), 3);
        Tensor y = net.forward(x);
        products.set(0);
        y.sum().backward();
        assertEquals(3, products.get(), "both weight gradients and the input gradient of the second layer");
    }
}
