package org.dab4j.backend.vector;

import org.dab4j.tensor.Storage;

/** A heap float array owned by one {@link VectorBackend}; releasing it hands the array back to its backend. */
final class HeapStorage implements Storage {
    private final VectorBackend owner;
    private final int length;
    private float[] data;

    HeapStorage(VectorBackend owner, float[] data) {
        this.owner = owner;
        this.length = data.length;
        this.data = data;
    }

    @Override
    public int length() {
        return length;
    }

    /** Released explicitly, or implicitly by closing the backend that owns it. */
    @Override
    public boolean isReleased() {
        return data == null || owner.isClosed();
    }

    VectorBackend owner() {
        return owner;
    }

    /** The array, or null once released. */
    float[] data() {
        return data;
    }

    /** Detaches the array and answers it, or null when already released. */
    float[] release() {
        float[] released = data;
        data = null;
        return released;
    }

    @Override
    public String toString() {
        return "VectorStorage[" + length + (isReleased() ? ", released]" : "]");
    }
}
