package org.dab4j.backend.opencl;

import java.lang.ref.Cleaner;
import java.util.Queue;

import org.dab4j.tensor.Storage;

/**
 * A tensor's floats: {@code length} floats at {@code offset} in the arena of one {@link OpenClBackend}.
 * Releasing it, or the collector finding it unreachable, hands the block back to the backend (through
 * {@link Block}, which holds no reference to the storage, so a storage nobody can use any more is never
 * kept alive by its own cleanup).
 */
final class ArenaStorage implements Storage {
    private final OpenClBackend owner;
    private final int offset;
    private final int length;
    private final Block block;
    private final Cleaner.Cleanable cleanable;

    ArenaStorage(OpenClBackend owner, int offset, int length, Block block, Cleaner cleaner) {
        this.owner = owner;
        this.offset = offset;
        this.length = length;
        this.block = block;
        this.cleanable = cleaner.register(this, block);
    }

    @Override
    public int length() {
        return length;
    }

    /** Released explicitly, or implicitly by closing the backend that owns it. */
    @Override
    public boolean isReleased() {
        return block.isFreed() || owner.isClosed();
    }

    OpenClBackend owner() {
        return owner;
    }

    /** The arena offset of element 0. */
    int offset() {
        return offset;
    }

    /** Hands the block back once, however often it is called. */
    void release() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "OpenClStorage[" + length + " at " + offset + (isReleased() ? ", released]" : "]");
    }

    /**
     * The part of a storage its cleanup needs: where the block lies and where to return it. It runs once,
     * on the caller's thread for an explicit release, or on the cleaner's thread for a collected storage;
     * either way it only queues the block, and the backend frees it on its own thread.
     */
    static final class Block implements Runnable {
        private final int offset;
        private final int length;
        /** Blocks released or collected and not yet returned to the allocator; a concurrent queue. */
        private final Queue<Block> freed;
        private volatile boolean isFreed;

        Block(int offset, int length, Queue<Block> freed) {
            this.offset = offset;
            this.length = length;
            this.freed = freed;
        }

        boolean isFreed() {
            return isFreed;
        }

        int offset() {
            return offset;
        }

        int length() {
            return length;
        }

        @Override
        public void run() {
            isFreed = true;
            freed.add(this);
        }
    }
}
