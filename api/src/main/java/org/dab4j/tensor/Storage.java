package org.dab4j.tensor;

/**
 * An opaque handle to memory owned by a {@link Backend}: host arrays, a device buffer, an arena slice.
 * Only the backend that allocated it may read or write it; everyone else moves data with
 * {@link Backend#upload} and {@link Backend#download}.
 */
public interface Storage {
    /** The number of floats this storage holds. */
    int length();

    /** Whether {@link Backend#release} has been called on it; a released storage must not be used. */
    boolean isReleased();
}
