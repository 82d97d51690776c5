package org.dab4j.tck;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;

import org.dab4j.tensor.Shape;

/** Element-by-element comparison whose failure names the operation, the shape and the first bad index. */
final class ArrayAssert {
    private ArrayAssert() {
    }

    static void assertMatch(String what, Shape shape, float[] expected, float[] actual, Tolerance tolerance) {
        assertMatch(what, shape, expected, actual, tolerance, null);
    }

    /**
     * @param magnitude per element, the sum of the magnitudes of the terms that made it (for an accumulation
     *                  tolerance), or null
     */
    static void assertMatch(String what, Shape shape, float[] expected, float[] actual, Tolerance tolerance,
                            float[] magnitude) {
        if (expected.length != actual.length) {
            fail(what + " " + shape + ": expected " + expected.length + " elements but got " + actual.length);
        }
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (!tolerance.accepts(expected[i], actual[i], magnitude(magnitude, i))) {
                if (first < 0) {
                    first = i;
                }
                mismatches++;
            }
        }
        if (mismatches > 0) {
            fail(what + " " + shape + ": " + mismatches + " of " + expected.length + " elements differ beyond "
                    + tolerance + "; first at index " + first + coordinates(shape, first, expected.length)
                    + ": expected " + expected[first] + " but was " + actual[first]
                    + (tolerance.bitwise() ? "" : " (allowed difference "
                    + tolerance.allowed(expected[first], magnitude(magnitude, first)) + ")"));
        }
    }

    private static float magnitude(float[] magnitude, int i) {
        return magnitude == null ? 0f : magnitude[i];
    }

    /** The multi-dimensional position of a flat index, when the shape describes the whole array. */
    private static String coordinates(Shape shape, int index, int length) {
        if (shape.size() != length || shape.rank() < 2) {
            return "";
        }
        int[] dims = shape.toArray();
        int[] position = new int[dims.length];
        int rest = index;
        for (int d = dims.length - 1; d >= 0; d--) {
            position[d] = rest % dims[d];
            rest /= dims[d];
        }
        return " " + Arrays.toString(position);
    }
}
