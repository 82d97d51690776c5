package org.dab4j.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ArenaAllocatorTest {
    @Test
    void blocksAreRoundedUpToTheGrainAndDoNotOverlap() {
        ArenaAllocator a = new ArenaAllocator(16, 16 + 1024);
        int first = a.allocate(1);
        int second = a.allocate(17);
        int third = a.allocate(16);
        assertEquals(16, first);
        assertEquals(32, second);
        assertEquals(64, third);
        assertEquals(16 + 32 + 16, a.used());
        assertEquals(1024 - 64, a.free());
    }

    @Test
    void bestFitTakesTheSmallestFreeBlockThatFits() {
        ArenaAllocator a = new ArenaAllocator(0, 1024);
        int big = a.allocate(256);
        int keep1 = a.allocate(16);
        int small = a.allocate(32);
        int keep2 = a.allocate(16);
        a.free(big, 256);
        a.free(small, 32);
        assertEquals(small, a.allocate(20), "a request of 20 floats fits the 32-float hole, not the 256-float one");
        assertEquals(big, a.allocate(200));
        assertTrue(keep1 != keep2);
    }

    @Test
    void freedNeighboursMergeBackIntoOneBlock() {
        ArenaAllocator a = new ArenaAllocator(0, 4096);
        SplittableRandom rng = new SplittableRandom(7);
        List<int[]> blocks = new ArrayList<>();
        while (true) {
            int length = 1 + rng.nextInt(100);
            int offset = a.allocate(length);
            if (offset < 0) {
                break;
            }
            blocks.add(new int[] {offset, length});
        }
        while (!blocks.isEmpty()) {
            int[] b = blocks.remove(rng.nextInt(blocks.size()));
            a.free(b[0], b[1]);
        }
        assertEquals(0, a.used());
        assertEquals(1, a.freeBlocks(), "everything freed merges into one block");
        assertEquals(4096, a.largestFree());
    }

    @Test
    void aFullArenaAnswersMinusOne() {
        ArenaAllocator a = new ArenaAllocator(0, 64);
        assertEquals(0, a.allocate(48));
        assertEquals(-1, a.allocate(17));
        assertEquals(48, a.allocate(16));
        assertEquals(-1, a.allocate(1));
    }

    @Test
    void aDoubleFreeIsAnError() {
        ArenaAllocator a = new ArenaAllocator(0, 64);
        int offset = a.allocate(10);
        a.free(offset, 10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.free(offset, 10));
        assertEquals("block [0, 16) is already free", e.getMessage());
    }

    @Test
    void badRequestsAreRejected() {
        ArenaAllocator a = new ArenaAllocator(16, 64);
        assertThrows(IllegalArgumentException.class, () -> a.allocate(0));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> a.free(0, 4));
        assertEquals("block [0, 16) is outside the arena [16, 64)", outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ArenaAllocator(3, 64));
    }
}
