package org.dab4j.tensor;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendArgumentsTest {

    private static void assertFails(Class<? extends RuntimeException> type, String message, Executable check) {
        assertEquals(message, assertThrows(type, check).getMessage());
    }

    @Test
    void lengthsAndRanges() {
        assertDoesNotThrow(() -> BackendArguments.requireNonNegative("length", 0));
        assertFails(IllegalArgumentException.class, "length must not be negative, got -1",
                () -> BackendArguments.requireNonNegative("length", -1));

        assertDoesNotThrow(() -> BackendArguments.requireLength("x", 4, 4));
        assertFails(IllegalArgumentException.class, "x needs 5 floats but the storage holds 4",
                () -> BackendArguments.requireLength("x", 4, 5));

        assertDoesNotThrow(() -> BackendArguments.requireRange("dst", 4, 4, 0));
        assertFails(IndexOutOfBoundsException.class, "range [2, 5) is outside dst of length 4",
                () -> BackendArguments.requireRange("dst", 4, 2, 3));
        assertFails(IndexOutOfBoundsException.class, "range [-1, 1) is outside host array src of length 4",
                () -> BackendArguments.requireRange("host array src", 4, -1, 2));
        assertFails(IndexOutOfBoundsException.class, "range [2147483647, 2147483649) is outside src of length 4",
                () -> BackendArguments.requireRange("src", 4, Integer.MAX_VALUE, 2));
    }

    @Test
    void copyRangesOfOneStorageMustNotOverlap() {
        assertDoesNotThrow(() -> BackendArguments.requireDisjointCopy(true, 0, 2, 2));
        assertDoesNotThrow(() -> BackendArguments.requireDisjointCopy(false, 0, 1, 2));
        assertDoesNotThrow(() -> BackendArguments.requireDisjointCopy(true, 1, 1, 0));
        assertFails(IllegalArgumentException.class, "copy ranges overlap: [0, 2) and [1, 3) of the same storage",
                () -> BackendArguments.requireDisjointCopy(true, 0, 1, 2));
    }

    @Test
    void viewsNameTheViewAndTheStorage() {
        assertDoesNotThrow(() -> BackendArguments.requireView("out of view", 6, 2, 3));
        assertDoesNotThrow(() -> BackendArguments.requireView("x of view", 24, 2, 3, 4));
        assertFails(IllegalArgumentException.class, "out of view [2, 3] needs 6 floats but the storage holds 5",
                () -> BackendArguments.requireView("out of view", 5, 2, 3));
        assertFails(IllegalArgumentException.class, "x of view [2, 3, 4] needs 24 floats but the storage holds 23",
                () -> BackendArguments.requireView("x of view", 23, 2, 3, 4));
        assertFails(IllegalArgumentException.class, "negative dimension in view [2, -1]",
                () -> BackendArguments.requireView("out of view", 100, 2, -1));
        assertFails(IllegalArgumentException.class, "negative dimension in view [-2, 3, 0]",
                () -> BackendArguments.requireView("x of view", 100, -2, 3, 0));
        assertFails(IllegalArgumentException.class, "view [65536, 65536] has more than 2^31-1 elements",
                () -> BackendArguments.requireView("out of view", Integer.MAX_VALUE, 65536, 65536));
        assertFails(IllegalArgumentException.class,
                "view [2147483647, 2147483647, 2147483647] has more than 2^31-1 elements",
                () -> BackendArguments.requireView("x of view", Integer.MAX_VALUE, Integer.MAX_VALUE,
                        Integer.MAX_VALUE, Integer.MAX_VALUE));
        // An empty last dimension makes a huge first product empty, not too large.
        assertDoesNotThrow(() -> BackendArguments.requireView("x of view", 0, Integer.MAX_VALUE, Integer.MAX_VALUE, 0));
    }

    @Test
    void viewSizesMatchTheViewChecks() {
        assertEquals(6, BackendArguments.viewSize(2, 3));
        assertEquals(24, BackendArguments.viewSize(2, 3, 4));
        assertEquals(0, BackendArguments.viewSize(Integer.MAX_VALUE, Integer.MAX_VALUE, 0));
        assertEquals(Integer.MAX_VALUE, BackendArguments.viewSize(1, Integer.MAX_VALUE));
        assertFails(IllegalArgumentException.class, "negative dimension in view [-1, 3]",
                () -> BackendArguments.viewSize(-1, 3));
        assertFails(IllegalArgumentException.class, "negative dimension in view [1, 3, -4]",
                () -> BackendArguments.viewSize(1, 3, -4));
        assertFails(IllegalArgumentException.class, "view [65536, 32768] has more than 2^31-1 elements",
                () -> BackendArguments.viewSize(65536, 32768));
        assertFails(IllegalArgumentException.class, "view [65536, 65536, 1] has more than 2^31-1 elements",
                () -> BackendArguments.viewSize(65536, 65536, 1));
    }

    @Test
    void shapesAndAliases() {
        Shape shape = Shape.of(2, 3);
        assertDoesNotThrow(() -> BackendArguments.requireShape("a of shape", 6, shape));
        assertFails(IllegalArgumentException.class, "a of shape [2, 3] needs 6 floats but the storage holds 4",
                () -> BackendArguments.requireShape("a of shape", 4, shape));

        assertDoesNotThrow(() -> BackendArguments.requireAliasShape("a", true, shape, Shape.of(2, 3)));
        assertDoesNotThrow(() -> BackendArguments.requireAliasShape("b", false, Shape.of(3), shape));
        assertFails(IllegalArgumentException.class,
                "out aliases b, whose shape [3] differs from the broadcast shape [2, 3]",
                () -> BackendArguments.requireAliasShape("b", true, Shape.of(3), shape));

        assertDoesNotThrow(() -> BackendArguments.requireMatmulOutput(false, false));
        assertFails(IllegalArgumentException.class, "matmul output c aliases a",
                () -> BackendArguments.requireMatmulOutput(true, true));
        assertFails(IllegalArgumentException.class, "matmul output c aliases b",
                () -> BackendArguments.requireMatmulOutput(false, true));
    }

    @Test
    void argmaxNeedsANonEmptyAxisOnlyWhenItWritesSomething() {
        assertDoesNotThrow(() -> BackendArguments.requireArgmaxAxis(0, 0, 5));
        assertDoesNotThrow(() -> BackendArguments.requireArgmaxAxis(2, 1, 3));
        assertFails(IllegalArgumentException.class, "argmax of an empty axis (view [2, 0, 3])",
                () -> BackendArguments.requireArgmaxAxis(2, 0, 3));
    }

    @Test
    void indicesAreIntegersInsideTheAxisAndTheFirstBadOneIsNamed() {
        assertDoesNotThrow(() -> BackendArguments.requireIndices(new float[] {0, 2, 1, 0}, 2, 2, 3));
        // Only the view is read: the element past it is not an index.
        assertDoesNotThrow(() -> BackendArguments.requireIndices(new float[] {0, 2, Float.NaN}, 1, 2, 3));
        assertFails(IndexOutOfBoundsException.class, "index 3.0 at [outer 1, inner 0] is not an integer in [0, 3)",
                () -> BackendArguments.requireIndices(new float[] {0, 2, 3, -1}, 2, 2, 3));
        assertFails(IndexOutOfBoundsException.class, "index 0.5 at [outer 0, inner 1] is not an integer in [0, 3)",
                () -> BackendArguments.requireIndices(new float[] {0, 0.5f, 3}, 1, 3, 3));
        assertFails(IndexOutOfBoundsException.class, "index -1.0 at [outer 0, inner 0] is not an integer in [0, 3)",
                () -> BackendArguments.requireIndices(new float[] {-1}, 1, 1, 3));
        assertFails(IndexOutOfBoundsException.class, "index NaN at [outer 0, inner 0] is not an integer in [0, 3)",
                () -> BackendArguments.requireIndices(new float[] {Float.NaN}, 1, 1, 3));
    }

    /** Backends run these on every operation, so passing checks must make no garbage. */
    @Test
    void passingChecksAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Shape shape = Shape.of(4, 8);
        float[] index = {0, 1, 2, 3};
        int calls = 100_000;
        passingChecks(shape, index, calls);
        long before = threads.getCurrentThreadAllocatedBytes();
        passingChecks(shape, index, calls);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // One message string per call would come to megabytes; the bound leaves room for the measurement itself.
        assertTrue(allocated < 64 * 1024, "passing checks allocated " + allocated + " bytes");
    }

    private static void passingChecks(Shape shape, float[] index, int calls) {
        for (int i = 0; i < calls; i++) {
            BackendArguments.requireNonNegative("length", i);
            BackendArguments.requireLength("x", calls, i);
            BackendArguments.requireRange("dst", calls, 0, i);
            BackendArguments.requireDisjointCopy(false, 0, 0, i);
            BackendArguments.requireShape("a of shape", 32, shape);
            BackendArguments.requireView("out of view", calls, 1, i);
            BackendArguments.requireView("x of view", calls, 1, i, 1);
            BackendArguments.viewSize(1, i);
            BackendArguments.viewSize(1, i, 1);
            BackendArguments.requireAliasShape("a", true, shape, shape);
            BackendArguments.requireArgmaxAxis(1, 1, 1);
            BackendArguments.requireMatmulOutput(false, false);
            BackendArguments.requireIndices(index, 1, 4, 4);
        }
    }
}
