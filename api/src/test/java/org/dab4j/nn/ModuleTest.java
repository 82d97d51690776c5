package org.dab4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

class ModuleTest {
    private final Backend b = new ReferenceBackend();

    /** A module with its own parameter next to a nested child, to check the naming and the order. */
    private static final class Block extends Module {
        final Tensor scale;
        final Sequential body;

        Block(Backend backend) {
            scale = parameter("scale", Tensor.full(backend, Shape.of(2), 1f));
            body = register("body", new Sequential(new Linear(backend, 3, 2, Init.XAVIER_UNIFORM, 1L), new Tanh()));
        }

        @Override
        public Tensor forward(Tensor x) {
            return body.forward(x).mul(scale);
        }
    }

    @Test
    void namedParametersFollowRegistrationOrderWithDottedPaths() {
        Sequential model = new Sequential(new Linear(b, 2, 4, Init.XAVIER_UNIFORM, 1L), new Tanh(),
                new Linear(b, 4, 1, Init.XAVIER_UNIFORM, 2L));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.namedParameters().keySet()));
        assertEquals(4, model.parameters().size());
        assertTrue(model.parameters().stream().allMatch(Tensor::requiresGrad));
        assertEquals(List.of(model, model.get(0), model.get(1), model.get(2)), model.modules());

        Sequential outer = new Sequential(new Block(b), new ReLU());
        assertEquals(List.of("0.scale", "0.body.0.weight", "0.body.0.bias"), List.copyOf(outer.namedParameters().keySet()));
        assertEquals(6, outer.modules().size());
    }

    @Test
    void sharedModulesAndParametersAppearOnce() {
        Linear shared = new Linear(b, 2, 2, Init.XAVIER_UNIFORM, 3L);
        Sequential model = new Sequential(shared, new Sigmoid(), shared);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.namedParameters().keySet()));
        assertEquals(2, model.parameters().size());
        assertEquals(3, model.modules().size());
    }

    @Test
    void namesMustBeUniqueAndDotFree() {
        Module m = new Module() {
            {
                parameter("w", Tensor.zeros(b, 1));
                assertThrows(IllegalArgumentException.class, () -> parameter("w", Tensor.zeros(b, 1)));
                assertThrows(IllegalArgumentException.class, () -> register("a.b", new Tanh()));
                assertThrows(IllegalArgumentException.class, () -> register("", new Tanh()));
            }

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        };
        assertEquals(1, m.parameters().size());
    }

    @Test
    void zeroGradResetsEveryParameter() {
        Block block = new Block(b);
        block.forward(Tensor.full(b, Shape.of(1, 3), 0.5f)).sum().backward();
        assertTrue(block.parameters().stream().allMatch(p -> p.grad() != null));
        block.zeroGrad();
        for (Tensor p : block.parameters()) {
            assertArrayEquals(new float[p.size()], p.grad().toArray());
        }
    }

    @Test
    void linearStoresWeightInByOutAndStartsTheBiasAtZero() {
        Linear layer = new Linear(b, 3, 5, Init.KAIMING_NORMAL, 9L, UnaryOp.RELU);
        assertEquals(Shape.of(3, 5), layer.weight().shape());
        assertArrayEquals(new float[5], layer.bias().toArray());
        assertSame(UnaryOp.RELU, layer.activation());
        Tensor x = Tensor.of(b, new float[] {1, -2, 0.5f, 0, 1, 1}, 2, 3);
        Tensor expected = x.matmul(layer.weight()).add(layer.bias()).relu();
        assertArrayEquals(expected.toArray(), layer.forward(x).toArray(), 1e-6f);
        assertEquals(Shape.of(2, 2, 5), layer.forward(x.reshape(2, 1, 3).add(Tensor.zeros(b, 2, 2, 3))).shape());
        assertThrows(IllegalArgumentException.class, () -> new Linear(b, 3, 5, Init.KAIMING_NORMAL, 9L, UnaryOp.EXP));
    }

    @Test
    void initDrawsDeterministicallyWithTheRightScale() {
        int fanIn = 200;
        int fanOut = 100;
        Shape shape = Shape.of(fanIn, fanOut);
        assertArrayEquals(Init.XAVIER_UNIFORM.sample(b, shape, fanIn, fanOut, 5L).toArray(),
                Init.XAVIER_UNIFORM.sample(b, shape, fanIn, fanOut, 5L).toArray());
        for (Init init : Init.values()) {
            float[] w = init.sample(b, shape, fanIn, fanOut, 11L).toArray();
            double denominator = init == Init.XAVIER_UNIFORM || init == Init.XAVIER_NORMAL ? fanIn + fanOut : fanIn;
            double variance = 2.0 / denominator;
            double sum = 0;
            double sumSquares = 0;
            for (float v : w) {
                sum += v;
                sumSquares += v * v;
            }
            double mean = sum / w.length;
            assertEquals(0, mean, 0.05 * Math.sqrt(variance), init + " mean");
            assertEquals(variance, sumSquares / w.length - mean * mean, 0.05 * variance, init + " variance");
            if (init == Init.XAVIER_UNIFORM || init == Init.KAIMING_UNIFORM) {
                double bound = Math.sqrt(3 * variance);
                for (float v : w) {
                    assertTrue(Math.abs(v) <= bound, init + " value " + v + " beyond " + bound);
                }
            }
        }
    }
}
