package org.dab4j.backend.vector;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Released arrays kept for reuse, by exact length. A training step allocates the same shapes every step and
 * releases them when its scope closes, so from the second step on its buffers come from here: no garbage
 * for the collector, and memory that is still in cache instead of fresh pages. Not thread-safe: like its
 * backend, it serves one thread at a time.
 */
final class BufferPool {
    /** At most this many floats (256 MiB) wait in the pool; arrays released beyond it go to the collector. */
    static final long CAPACITY_FLOATS = 1L << 26;

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final long capacity;
    private long pooled;

    BufferPool(long capacityFloats) {
        this.capacity = capacityFloats;
    }

    /** A zero-filled array of {@code length} floats, reused when one was given back. */
    float[] take(int length) {
        float[] array = reuse(length);
        if (array == null) {
            return new float[length];
        }
        Arrays.fill(array, 0f);
        return array;
    }

    /** An array of {@code length} floats holding whatever it held when given back, or zeros when fresh. */
    float[] takeUninitialized(int length) {
        float[] array = reuse(length);
        return array == null ? new float[length] : array;
    }

    private float[] reuse(int length) {
        ArrayDeque<float[]> same = free.get(length);
        float[] array = same == null ? null : same.poll();
        if (array != null) {
            pooled -= length;
        }
        return array;
    }

    /** Keeps {@code array} for a later {@link #take} of its length, unless the pool is full. */
    void give(float[] array) {
        if (pooled + array.length > capacity) {
            return;
        }
        free.computeIfAbsent(array.length, n -> new ArrayDeque<>()).push(array);
        pooled += array.length;
    }

    /** The floats waiting for reuse. */
    long pooledFloats() {
        return pooled;
    }

    /** Drops every kept array. */
    void clear() {
        free.clear();
        pooled = 0;
    }
}
