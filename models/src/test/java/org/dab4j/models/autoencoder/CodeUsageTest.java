package org.dab4j.models.autoencoder;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CodeUsageTest {
    private final CodeLayout twoGroupsOfThree = CodeLayout.of(CodeType.ONEHOT, 2, 3, 0, 0, 0);

    @Test
    void countsDistinctValuesPerGroupAndWholeCodes() {
        float[] codes = {
                1, 0, 0, /**/ 0, 1, 0,
                0, 1, 0, /**/ 0, 1, 0,
                1, 0, 0, /**/ 0, 1, 0,
                0, 0, 1, /**/ 0, 1, 0};
        CodeUsage usage = CodeUsage.of(codes, 4, twoGroupsOfThree);
        assertEquals((3 / 3.0 + 1 / 3.0) / 2, usage.usage(), 1e-12);
        assertEquals(0.5, usage.collapsed(), 1e-12, "the second group never changes");
        assertEquals(3 / 4.0, usage.unique(), 1e-12);
    }

    @Test
    void unitsAreGroupsOfBinaryCodes() {
        CodeLayout binary = CodeLayout.of(CodeType.BINARY, 0, 0, 3, 0, 0);
        CodeUsage usage = CodeUsage.of(new float[]{1, -1, 1, -1, -1, 1}, 2, binary);
        assertEquals((1 + 0.5 + 0.5) / 3, usage.usage(), 1e-12);
        assertEquals(2 / 3.0, usage.collapsed(), 1e-12, "units 1 and 2 never change");
        assertEquals(1, usage.unique(), 1e-12);
    }

    @Test
    void wrongSizeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CodeUsage.of(new float[5], 1, twoGroupsOfThree));
        assertEquals("5 values are not 1 codes of width 6", e.getMessage());
    }
}
