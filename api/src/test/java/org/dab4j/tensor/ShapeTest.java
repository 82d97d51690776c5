package org.dab4j.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShapeTest {

    @Test
    void broadcastAlignsFromTheRight() {
        assertEquals(Shape.of(4, 3, 5), Shape.broadcast(Shape.of(4, 1, 5), Shape.of(3, 1)));
        assertEquals(Shape.of(2, 3), Shape.broadcast(Shape.scalar(), Shape.of(2, 3)));
        assertEquals(Shape.of(2, 3), Shape.broadcast(Shape.of(3), Shape.of(2, 3)));
    }

    @Test
    void incompatibleShapesNameBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shape.broadcast(Shape.of(2, 3), Shape.of(4)));
        assertEquals("shapes [2, 3] and [4] do not broadcast", e.getMessage());
    }

    @Test
    void axisViews() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(24, s.size());
        assertEquals(2, s.outer(1));
        assertEquals(4, s.inner(1));
        assertEquals(4, s.dim(-1));
        assertEquals(Shape.of(2, 4), s.without(1));
        assertEquals(Shape.of(2, 1, 4), s.withDim(1, 1));
        assertEquals(1, Shape.scalar().size());
        assertThrows(IllegalArgumentException.class, () -> s.dim(3));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
    }
}
