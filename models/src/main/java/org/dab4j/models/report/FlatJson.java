package org.dab4j.models.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes a flat JSON object, one member a line, keys in the map's order. Values are strings, booleans,
 * integers, floating-point numbers or null; a NaN or infinite number has no JSON form and is written as
 * {@code null}.
 */
public final class FlatJson {
    private FlatJson() {
    }

    /**
     * The JSON text of {@code fields}, ending with a newline.
     *
     * @throws IllegalArgumentException for a null key or a value of another type, naming the key
     */
    public static String write(Map<String, ?> fields) {
        if (fields.isEmpty()) {
            return "{}\n";
        }
        StringBuilder json = new StringBuilder("{\n");
        boolean first = true;
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("JSON object keys must not be null");
            }
            if (!first) {
                json.append(",\n");
            }
            first = false;
            json.append("  ");
            appendString(json, e.getKey());
            json.append(": ");
            appendValue(json, e.getKey(), e.getValue());
        }
        return json.append("\n}\n").toString();
    }

    private static void appendValue(StringBuilder json, String key, Object value) {
        switch (value) {
            case null -> json.append("null");
            case String s -> appendString(json, s);
            case Boolean b -> json.append(b);
            case Integer i -> json.append(i);
            case Long l -> json.append(l);
            case Short s -> json.append(s);
            case Byte b -> json.append(b);
            case BigInteger i -> json.append(i);
            case BigDecimal d -> json.append(d);
            case Double d -> json.append(Double.isFinite(d) ? d.toString() : "null");
            case Float f -> json.append(Float.isFinite(f) ? f.toString() : "null");
            default -> throw new IllegalArgumentException("JSON value for '" + key + "' must be a string, number, "
                    + "boolean or null, got " + value.getClass().getName());
        }
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, lone surrogates as \\u escapes. */
    static void appendString(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(s, i)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** A surrogate without its partner cannot be encoded in UTF-8, so it is escaped instead. */
    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
