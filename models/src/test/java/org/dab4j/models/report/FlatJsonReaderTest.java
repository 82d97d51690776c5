package org.dab4j.models.report;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlatJsonReaderTest {
    @Test
    void readsWhatFlatJsonWrites() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "a \"quoted\"\\ line\n\u0001");
        fields.put("count", 42L);
        fields.put("negative", -7L);
        fields.put("rate", 1e-3);
        fields.put("loss", 265.25);
        fields.put("flag", true);
        fields.put("off", false);
        fields.put("missing", null);
        assertEquals(fields, FlatJsonReader.read(FlatJson.write(fields)));
        assertEquals(Map.of(), FlatJsonReader.read(" {} "));
    }

    @Test
    void malformedInputNamesTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlatJsonReader.read("{\"a\": 1,}"));
        assertTrue(e.getMessage().contains("expected '\"' at offset 8"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlatJsonReader.read("{\"a\": 1} x"))
                .getMessage().contains("expected end of input at offset 9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlatJsonReader.read("{\"a\": 1, \"a\": 2}"))
                .getMessage().contains("duplicate key 'a'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlatJsonReader.read("{\"a\": 1.2.3}"))
                .getMessage().contains("a number, not '1.2.3'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlatJsonReader.read("{\"a"))
                .getMessage().contains("a closing quote"));
    }
}
