package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Storage;
import org.junit.jupiter.api.Test;

/** Released buffers come back zeroed for the next allocation of their length, within the pool's capacity. */
class BufferPoolTest {

    @Test
    void reusesAnArrayOfTheSameLengthZeroFilled() {
        BufferPool pool = new BufferPool(100);
        float[] used = pool.take(4);
        used[2] = 7f;
        pool.give(used);
        assertEquals(4, pool.pooledFloats());
        assertNotSame(used, pool.take(5), "another length gets a fresh array");
        float[] again = pool.take(4);
        assertSame(used, again);
        assertArrayEquals(new float[4], again);
        assertEquals(0, pool.pooledFloats());
    }

    @Test
    void keepsNoMoreThanItsCapacity() {
        BufferPool pool = new BufferPool(10);
        pool.give(new float[6]);
        pool.give(new float[6]);
        assertEquals(6, pool.pooledFloats());
        pool.clear();
        assertEquals(0, pool.pooledFloats());
    }

    @Test
    void backendHandsReleasedStorageToTheNextAllocationZeroed() {
        try (VectorBackend b = new VectorBackend(new BackendConfig(1))) {
            Storage s = Pair.put(b, new float[] {1f, 2f, 3f});
            b.release(s);
            assertEquals(3, b.pooledFloats());
            Storage t = b.allocate(3);
            assertEquals(0, b.pooledFloats());
            assertArrayEquals(new float[3], Pair.get(b, t));
        }
    }

    @Test
    void storageReleasedAfterCloseIsNotPooled() {
        VectorBackend b = new VectorBackend(new BackendConfig(1));
        Storage s = b.allocate(8);
        b.close();
        b.release(s);
        assertEquals(0, b.pooledFloats());
    }
}
