package org.dab4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dab4j.tensor.Shape;
import org.junit.jupiter.api.Test;

class BroadcastLayoutTest {
    private static BroadcastLayout layout(int[] a, int[] b) {
        Shape sa = Shape.of(a);
        Shape sb = Shape.of(b);
        return BroadcastLayout.of(sa, sb, Shape.broadcast(sa, sb));
    }

    private static BroadcastLayout expect(int[] dims, int[] aStrides, int[] bStrides) {
        return new BroadcastLayout(dims, aStrides, bStrides);
    }

    @Test
    void equalShapesBecomeOneContiguousRun() {
        assertEquals(expect(new int[] {24}, new int[] {1}, new int[] {1}), layout(new int[] {2, 3, 4}, new int[] {2, 3, 4}));
    }

    @Test
    void aScalarRepeats() {
        assertEquals(expect(new int[] {5}, new int[] {0}, new int[] {1}), layout(new int[] {}, new int[] {5}));
        assertEquals(expect(new int[] {1}, new int[] {0}, new int[] {0}), layout(new int[] {}, new int[] {}));
    }

    @Test
    void aRowVectorRepeatsOverRows() {
        assertEquals(expect(new int[] {300, 257}, new int[] {257, 1}, new int[] {0, 1}),
                layout(new int[] {300, 257}, new int[] {257}));
    }

    @Test
    void anOuterProductKeepsTwoDimensions() {
        assertEquals(expect(new int[] {16, 16}, new int[] {1, 0}, new int[] {0, 1}),
                layout(new int[] {16, 1}, new int[] {1, 16}));
    }

    @Test
    void sizeOneDimensionsDropAndRepeatedNeighboursMerge() {
        assertEquals(expect(new int[] {7, 153}, new int[] {1, 0}, new int[] {0, 1}),
                layout(new int[] {7, 1, 1}, new int[] {1, 9, 17}));
        assertEquals(expect(new int[] {2, 3, 7, 5}, new int[] {15, 5, 0, 1}, new int[] {0, 7, 1, 0}),
                layout(new int[] {2, 3, 1, 5}, new int[] {3, 7, 1}));
    }

    @Test
    void alternatingRepeatsNeedMoreThanFourDimensions() {
        BroadcastLayout l = layout(new int[] {2, 1, 2, 1, 2}, new int[] {1, 2, 1, 2, 1});
        assertEquals(expect(new int[] {2, 2, 2, 2, 2}, new int[] {4, 0, 2, 0, 1}, new int[] {0, 2, 0, 1, 0}), l);
    }
}
