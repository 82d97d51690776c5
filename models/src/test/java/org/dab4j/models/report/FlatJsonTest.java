package org.dab4j.models.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlatJsonTest {

    private static String string(String s) {
        StringBuilder json = new StringBuilder();
        FlatJson.appendString(json, s);
        return json.toString();
    }

    @Test
    void writesMembersInMapOrderOnePerLine() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("experiment", "sort");
        fields.put("length", 5);
        fields.put("seed", 1L);
        fields.put("lr", 1e-3);
        fields.put("scale", 0.5f);
        fields.put("exact", new BigDecimal("2.50"));
        fields.put("converged", true);
        fields.put("note", null);
        assertEquals("""
                {
                  "experiment": "sort",
                  "length": 5,
                  "seed": 1,
                  "lr": 0.001,
                  "scale": 0.5,
                  "exact": 2.50,
                  "converged": true,
                  "note": null
                }
                """, FlatJson.write(fields));
    }

    @Test
    void anEmptyObjectIsBraces() {
        assertEquals("{}\n", FlatJson.write(Map.of()));
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("nan", Double.NaN);
        fields.put("inf", Double.POSITIVE_INFINITY);
        fields.put("minus_inf", Float.NEGATIVE_INFINITY);
        assertEquals("{\n  \"nan\": null,\n  \"inf\": null,\n  \"minus_inf\": null\n}\n", FlatJson.write(fields));
    }

    @Test
    void smallAndLargeDoublesUseJsonExponents() {
        assertEquals("{\n  \"tiny\": 1.0E-7\n}\n", FlatJson.write(Map.of("tiny", 1e-7)));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"say \\\"hi\\\"\"", string("say \"hi\""));
        assertEquals("\"C:\\\\runs\\\\a\"", string("C:\\runs\\a"));
        assertEquals("\"a\\nb\\rc\\td\\be\\ff\"", string("a\nb\rc\td\be\ff"));
        assertEquals("\"\\u0000\\u001f\"", string("\u0000\u001f"));
        assertEquals("\"\\u2028\\u2029\"", string("\u2028\u2029"));
    }

    @Test
    void keepsUnicodeButEscapesLoneSurrogates() {
        assertEquals("\"größe 😀 é\"", string("größe 😀 é"));
        assertEquals("\"x\\ud800y\"", string("x\ud800y"));
        assertEquals("\"\\udc00\"", string("\udc00"));
        assertEquals("\"end\\ud83d\"", string("end\ud83d"));
    }

    @Test
    void escapesKeysToo() {
        assertEquals("{\n  \"a\\\"b\": 1\n}\n", FlatJson.write(Map.of("a\"b", 1)));
    }

    @Test
    void rejectsNestedOrUnknownValuesNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlatJson.write(Map.of("counter", new AtomicInteger(3))));
        assertTrue(e.getMessage().contains("'counter'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlatJson.write(Map.of("list", java.util.List.of(1))));
    }
}
