package org.dab4j.bridge;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HardFunctionsTest {
    private final Backend backend = new ReferenceBackend();
    private final Tensor x = Tensor.of(backend, new float[]{-0.7f, -0.5f, -0.2f, 0f, 0.5f, 0.51f, 2.5f, -3.5f}, 2, 4);

    @Test
    void signumWithMarginMapsTheBandToZero() {
        assertArrayEquals(new float[]{-1, 0, 0, 0, 0, 1, 1, -1}, new SignumWithMargin().apply(x).toArray());
        assertArrayEquals(new float[]{-1, -1, -1, 0, 1, 1, 1, -1}, new SignumWithMargin(0.1f).apply(x).toArray());
        assertThrows(IllegalArgumentException.class, () -> new SignumWithMargin(-1f));
    }

    @Test
    void signRoundAndSort() {
        assertArrayEquals(new float[]{-1, -1, -1, 0, 1, 1, 1, -1}, new Sign().apply(x).toArray());
        assertArrayEquals(new float[]{-1, -0f, -0f, 0, 0, 1, 2, -4}, new Round().apply(x).toArray());
        assertArrayEquals(new float[]{-0.7f, -0.5f, -0.2f, 0f, -3.5f, 0.5f, 0.51f, 2.5f}, new Sort().apply(x).toArray());
    }

    @Test
    void topKKeepsExactlyTheKLargestOfEachRow() {
        assertArrayEquals(new float[]{0, 0, -0.2f, 0f, 0, 0.51f, 2.5f, 0}, new TopK(2).apply(x).toArray());
        Tensor ties = Tensor.of(backend, new float[]{1, 1, 1, 0}, 1, 4);
        assertArrayEquals(new float[]{0, 1, 1, 0}, new TopK(2).apply(ties).toArray());
        assertThrows(IllegalArgumentException.class, () -> new TopK(5).apply(x));
        assertThrows(IllegalArgumentException.class, () -> new TopK(0));
    }

    @Test
    void aUserDefinedHardFunctionIsOneLambda() {
        HardFunction threshold = t -> t.gt(0.25f);
        assertArrayEquals(new float[]{0, 0, 0, 0, 1, 1, 1, 0}, threshold.apply(x).toArray());
    }
}
