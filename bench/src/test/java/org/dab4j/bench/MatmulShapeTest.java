package org.dab4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatmulShapeTest {
    @Test
    void readsFlagsAndSizes() {
        assertEquals(new MatmulShape(true, false, 784, 1024, 512), MatmulShape.parse("TN:784x1024x512"));
        assertEquals(new MatmulShape(false, true, 1024, 512, 784), MatmulShape.parse("NT:1024x512x784"));
    }

    @Test
    void rejectsOtherTextNamingTheFormat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatmulShape.parse("1024x1024"));
        assertTrue(e.getMessage().contains("'1024x1024'") && e.getMessage().contains("FLAGS:MxKxN"), e.getMessage());
    }

    @Test
    void rejectsEmptyProducts() {
        assertThrows(IllegalArgumentException.class, () -> MatmulShape.parse("NN:0x4x4"));
    }
}
