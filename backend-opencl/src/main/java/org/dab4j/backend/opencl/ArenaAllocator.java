package org.dab4j.backend.opencl;

import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hands out blocks of an arena of floats: best fit from the free blocks, and freed blocks merge with free
 * neighbours, so a training step that releases its intermediates leaves no fragments behind. Block sizes are
 * rounded up to {@link #GRAIN} floats, which keeps every block aligned for the device's memory accesses.
 * Not thread-safe: the backend calls it from its one thread.
 */
final class ArenaAllocator {
    /** Floats per allocation unit: 64 bytes, a cache line and a GPU memory transaction. */
    static final int GRAIN = 16;

    private final int start;
    private final int capacity;
    /** Free blocks by offset, to merge neighbours. */
    private final TreeMap<Integer, Integer> freeByOffset = new TreeMap<>();
    /** Free blocks as {@code size << 32 | offset}, to find the smallest that fits. */
    private final NavigableSet<Long> freeBySize = new TreeSet<>();
    private long used;

    /** An allocator for the floats {@code [start, capacity)} of an arena; {@code start} is a multiple of the grain. */
    ArenaAllocator(int start, int capacity) {
        if (start < 0 || start % GRAIN != 0 || capacity < start) {
            throw new IllegalArgumentException("an arena of " + capacity + " floats cannot start blocks at " + start);
        }
        this.start = start;
        this.capacity = capacity;
        int usable = (capacity - start) / GRAIN * GRAIN;
        if (usable > 0) {
            addFree(start, usable);
        }
    }

    /** The size a request of {@code length} floats takes from the arena. */
    static long blockSize(int length) {
        return ((long) length + GRAIN - 1) / GRAIN * GRAIN;
    }

    /**
     * The offset of a block of at least {@code length} floats, or -1 when no free block is that large.
     * {@code length} must be positive.
     */
    int allocate(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("blocks hold at least one float, got a request for " + length);
        }
        long size = blockSize(length);
        Long fit = freeBySize.ceiling(size << 32);
        if (fit == null) {
            return -1;
        }
        int offset = (int) (fit & 0xFFFF_FFFFL);
        int blockSize = (int) (fit >>> 32);
        removeFree(offset, blockSize);
        if (blockSize > size) {
            addFree(offset + (int) size, blockSize - (int) size);
        }
        used += size;
        return offset;
    }

    /** Gives back the block at {@code offset} that {@link #allocate} returned for {@code length}. */
    void free(int offset, int length) {
        int size = (int) blockSize(length);
        if (offset < start || offset + (long) size > capacity) {
            throw new IllegalArgumentException("block [" + offset + ", " + ((long) offset + size)
                    + ") is outside the arena [" + start + ", " + capacity + ")");
        }
        Map.Entry<Integer, Integer> before = freeByOffset.floorEntry(offset);
        if (before != null && before.getKey() + before.getValue() > offset) {
            throw new IllegalStateException("block [" + offset + ", " + (offset + size) + ") is already free");
        }
        used -= size;
        int mergedOffset = offset;
        int mergedSize = size;
        if (before != null && before.getKey() + before.getValue() == offset) {
            removeFree(before.getKey(), before.getValue());
            mergedOffset = before.getKey();
            mergedSize += before.getValue();
        }
        Integer afterSize = freeByOffset.get(offset + size);
        if (afterSize != null) {
            removeFree(offset + size, afterSize);
            mergedSize += afterSize;
        }
        addFree(mergedOffset, mergedSize);
    }

    /** Floats in blocks handed out and not freed. */
    long used() {
        return used;
    }

    /** Floats in free blocks. */
    long free() {
        long sum = 0;
        for (int size : freeByOffset.values()) {
            sum += size;
        }
        return sum;
    }

    /** The size of the largest free block, the most one allocation can get. */
    long largestFree() {
        return freeBySize.isEmpty() ? 0 : freeBySize.last() >>> 32;
    }

    /** Free blocks; one when nothing is allocated. */
    int freeBlocks() {
        return freeByOffset.size();
    }

    private void addFree(int offset, int size) {
        freeByOffset.put(offset, size);
        freeBySize.add((long) size << 32 | offset);
    }

    private void removeFree(int offset, int size) {
        freeByOffset.remove(offset);
        freeBySize.remove((long) size << 32 | offset);
    }
}
