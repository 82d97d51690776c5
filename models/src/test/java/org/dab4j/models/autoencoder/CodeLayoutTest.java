package org.dab4j.models.autoencoder;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeLayoutTest {
    @Test
    void defaultLayoutsCarryAboutOneHundredBits() {
        CodeLayout onehot = CodeLayout.of(CodeType.ONEHOT, 30, 10, 0, 0, 0);
        assertEquals(300, onehot.width());
        assertEquals(30, onehot.groups());
        assertEquals(10, onehot.groupWidth());
        assertEquals(30 * Math.log(10) / Math.log(2), onehot.bits(), 1e-9);
        assertEquals(100, CodeLayout.of(CodeType.BINARY, 0, 0, 100, 0, 0).bits(), 1e-9);
        assertEquals(99.85, CodeLayout.of(CodeType.TERNARY, 0, 0, 63, 0, 0).bits(), 0.01);
        CodeLayout topk = CodeLayout.of(CodeType.TOPK, 0, 0, 200, 23, 0);
        assertEquals(99.46, topk.bits(), 0.01);
        assertEquals(23, topk.active());
        CodeLayout kmeans = CodeLayout.of(CodeType.KMEANS, 30, 10, 0, 0, 8);
        assertEquals(240, kmeans.width());
        assertEquals(8, kmeans.groupWidth());
        assertEquals(10, kmeans.alphabet());
        assertEquals(onehot.bits(), kmeans.bits(), 1e-12);
    }

    @Test
    void log2BinomialIsExact() {
        assertEquals(Math.log(10) / Math.log(2), CodeLayout.log2Binomial(5, 2), 1e-12);
        assertEquals(0, CodeLayout.log2Binomial(7, 0), 1e-12);
    }

    @Test
    void badLayoutsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodeLayout.of(CodeType.TOPK, 0, 0, 10, 10, 0));
        assertTrue(e.getMessage().contains("k = 10 of 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CodeLayout.of(CodeType.ONEHOT, 3, 1, 0, 0, 0));
    }
}
