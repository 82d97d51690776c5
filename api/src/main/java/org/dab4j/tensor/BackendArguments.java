package org.dab4j.tensor;

import java.util.Arrays;

/**
 * The argument checks every {@link Backend} implementation makes, with the messages the conformance suite
 * expects, so that backends name bad arguments alike. Checks of a backend's own storages (type, owner,
 * released) stay in the backend; these see only lengths, offsets, dimensions, shapes and indices.
 *
 * <p>Backends call these on every operation, so each check tests its condition first and builds its message
 * only when it fails: the passing path allocates nothing (no strings, no varargs arrays, no boxing).
 */
public final class BackendArguments {
    /** Past this, a product of dimensions is clipped: it already exceeds every array, and stays within a long. */
    private static final long CLIP = 1L << 32;

    private BackendArguments() {
    }

    /**
     * Checks a length or count argument.
     *
     * @throws IllegalArgumentException if {@code value}, which {@code what} names, is negative
     */
    public static void requireNonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
    }

    /**
     * Checks that a storage of {@code capacity} floats is long enough.
     *
     * @param what     the storage and the view it is asked to hold, e.g. {@code "bias of [cols] = [3]"}
     * @param capacity the floats the storage holds
     * @param needed   the floats the operation reads or writes
     * @throws IllegalArgumentException if the storage holds fewer than {@code needed} floats
     */
    public static void requireLength(String what, int capacity, long needed) {
        if (capacity < needed) {
            throw new IllegalArgumentException(what + " needs " + needed + " floats but the storage holds "
                    + capacity);
        }
    }

    /**
     * Checks a range of a host array or storage.
     *
     * @param length already checked non-negative
     * @throws IndexOutOfBoundsException if {@code [offset, offset + length)} is not inside {@code [0, capacity)}
     *                                   of the array or storage {@code what} names
     */
    public static void requireRange(String what, int capacity, int offset, int length) {
        if (offset < 0 || offset > capacity - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + ((long) offset + length) + ") is outside "
                    + what + " of length " + capacity);
        }
    }

    /**
     * For {@link Backend#copy}, whose ranges are already checked to lie inside their storages.
     *
     * @param sameStorage whether source and destination are the same storage
     * @throws IllegalArgumentException if the ranges of one storage overlap
     */
    public static void requireDisjointCopy(boolean sameStorage, int srcOffset, int dstOffset, int length) {
        if (sameStorage && length > 0 && srcOffset < dstOffset + length && dstOffset < srcOffset + length) {
            throw new IllegalArgumentException("copy ranges overlap: [" + srcOffset + ", " + (srcOffset + length)
                    + ") and [" + dstOffset + ", " + (dstOffset + length) + ") of the same storage");
        }
    }

    /**
     * Checks that a storage of {@code capacity} floats holds {@code shape}.
     *
     * @param what names the storage and how it is seen, e.g. {@code "a of shape"}; the message appends the shape
     * @throws IllegalArgumentException if a storage of {@code capacity} floats is too short for {@code shape}
     */
    public static void requireShape(String what, int capacity, Shape shape) {
        if (capacity < shape.size()) {
            throw new IllegalArgumentException(what + " " + shape + " needs " + shape.size()
                    + " floats but the storage holds " + capacity);
        }
    }

    /**
     * Checks that a storage of {@code capacity} floats holds the view {@code [d0, d1]}.
     *
     * @param what names the storage and how it is seen, e.g. {@code "out of view"}; the message appends the view
     * @throws IllegalArgumentException if a dimension is negative, the view {@code [d0, d1]} has more than
     *                                  2^31-1 elements, or a storage of {@code capacity} floats is too short for it
     */
    public static void requireView(String what, int capacity, int d0, int d1) {
        if (d0 < 0 || d1 < 0 || capacity < (long) d0 * d1) {
            throw viewError(what, capacity, d0, d1);
        }
    }

    /**
     * The view {@code [d0, d1, d2]}; otherwise as {@link #requireView(String, int, int, int)}.
     */
    public static void requireView(String what, int capacity, int d0, int d1, int d2) {
        if (d0 < 0 || d1 < 0 || d2 < 0 || capacity < clippedProduct(d0, d1, d2)) {
            throw viewError(what, capacity, d0, d1, d2);
        }
    }

    /**
     * The element count of the view {@code [d0, d1]}, for checks whose message names the view otherwise.
     *
     * @throws IllegalArgumentException if a dimension is negative or the view has more than 2^31-1 elements
     */
    public static long viewSize(int d0, int d1) {
        long n = (long) d0 * d1;
        if (d0 < 0 || d1 < 0 || n > Integer.MAX_VALUE) {
            throw viewError(null, 0, d0, d1);
        }
        return n;
    }

    /**
     * The element count of the view {@code [d0, d1, d2]}; otherwise as {@link #viewSize(int, int)}.
     */
    public static long viewSize(int d0, int d1, int d2) {
        long n = clippedProduct(d0, d1, d2);
        if (d0 < 0 || d1 < 0 || d2 < 0 || n > Integer.MAX_VALUE) {
            throw viewError(null, 0, d0, d1, d2);
        }
        return n;
    }

    /**
     * For {@link Backend#binary}: an output may alias an operand only where that operand has the broadcast shape.
     *
     * @param operand the operand's name, {@code "a"} or {@code "b"}
     * @param aliased whether the output is that operand's storage
     * @throws IllegalArgumentException if the output aliases the operand and its shape differs from {@code outShape}
     */
    public static void requireAliasShape(String operand, boolean aliased, Shape shape, Shape outShape) {
        if (aliased && !shape.equals(outShape)) {
            throw new IllegalArgumentException("out aliases " + operand + ", whose shape " + shape
                    + " differs from the broadcast shape " + outShape);
        }
    }

    /**
     * For {@link Backend#argmax}, whose view is already checked.
     *
     * @throws IllegalArgumentException if the view has elements to write but an empty axis to pick them from
     */
    public static void requireArgmaxAxis(int outer, int axis, int inner) {
        if (axis == 0 && outer * inner > 0) {
            throw new IllegalArgumentException("argmax of an empty axis (view [" + outer + ", 0, " + inner + "])");
        }
    }

    /**
     * For {@link Backend#matmul}.
     *
     * @throws IllegalArgumentException naming the operand if the output {@code c} aliases {@code a} or {@code b}
     */
    public static void requireMatmulOutput(boolean aliasesA, boolean aliasesB) {
        if (aliasesA || aliasesB) {
            throw new IllegalArgumentException("matmul output c aliases " + (aliasesA ? "a" : "b"));
        }
    }

    /**
     * Checks every index of the {@code [outer, inner]} view of {@code index} in row-major order, so an operation
     * can fail before it writes anything.
     *
     * @param index an array already checked to hold the view
     * @throws IndexOutOfBoundsException naming the first index that is not an integer in {@code [0, axis)}
     */
    public static void requireIndices(float[] index, int outer, int inner, int axis) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                float value = index[o * inner + i];
                if (!(value >= 0f && value < axis && value == (int) value)) {
                    throw new IndexOutOfBoundsException("index " + value + " at [outer " + o + ", inner " + i
                            + "] is not an integer in [0, " + axis + ")");
                }
            }
        }
    }

    /** {@code d0 * d1 * d2} of non-negative dimensions, clipped so it stays within a long. */
    private static long clippedProduct(int d0, int d1, int d2) {
        return Math.min((long) d0 * d1, CLIP) * d2;
    }

    /**
     * Why a view does not fit: a negative dimension, more elements than an array holds, or (when {@code what}
     * names a storage) too short a storage.
     */
    private static IllegalArgumentException viewError(String what, int capacity, int... dims) {
        String view = Arrays.toString(dims);
        long needed = 1;
        for (int d : dims) {
            if (d < 0) {
                return new IllegalArgumentException("negative dimension in view " + view);
            }
            needed = Math.min(needed * d, CLIP);
        }
        if (needed > Integer.MAX_VALUE) {
            return new IllegalArgumentException("view " + view + " has more than 2^31-1 elements");
        }
        return new IllegalArgumentException(what + " " + view + " needs " + needed
                + " floats but the storage holds " + capacity);
    }
}
