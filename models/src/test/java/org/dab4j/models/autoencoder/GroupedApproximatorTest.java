package org.dab4j.models.autoencoder;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Backends;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupedApproximatorTest {
    @Test
    void appliesOneNetworkToEveryGroupSoGroupsDoNotInteract() {
        try (Backend backend = Backends.select(null, BackendConfig.defaults())) {
            GroupedApproximator g = new GroupedApproximator(backend, 3, 4, 8);
            Tensor x = Tensor.normal(backend, Shape.of(2, 12), 4);
            float[] out = g.forward(x).toArray();
            assertEquals(Shape.of(2, 12), g.forward(x).shape());
            float[] values = x.toArray();
            float[] firstGroup = g.forward(Tensor.of(backend, Arrays.copyOfRange(values, 0, 4), 1, 4)).toArray();
            assertArrayEquals(firstGroup, Arrays.copyOfRange(out, 0, 4), 1e-6f);
            float[] lastGroup = g.forward(Tensor.of(backend, Arrays.copyOfRange(values, 20, 24), 1, 4)).toArray();
            assertArrayEquals(lastGroup, Arrays.copyOfRange(out, 20, 24), 1e-6f);
            assertEquals(4, g.parameters().size(), "weight and bias of one shared hidden and one output layer");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> g.forward(Tensor.zeros(backend, 2, 10)));
            assertTrue(e.getMessage().contains("[2, 10]") && e.getMessage().contains("groups of 4"), e.getMessage());
        }
    }
}
