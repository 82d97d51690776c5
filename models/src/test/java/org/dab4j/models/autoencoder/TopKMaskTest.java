package org.dab4j.models.autoencoder;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Backends;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopKMaskTest {
    @Test
    void marksTheKLargestOfEachRowEvenWhenTheyAreNegativeOrZero() {
        try (Backend backend = Backends.select(null, BackendConfig.defaults())) {
            Tensor x = Tensor.of(backend, new float[]{-5, -1, -3, -2, 0, 0, 4, 0}, 2, 4);
            assertArrayEquals(new float[]{0, 1, 0, 1, 0, 0, 1, 1}, new TopKMask(2).apply(x).toArray(),
                    "ties go to the later index");
        }
        assertThrows(IllegalArgumentException.class, () -> new TopKMask(0));
    }
}
