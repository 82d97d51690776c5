package org.dab4j.backend.vector;

import org.dab4j.tensor.Storage;

/** A heap float array owned by one {@link VectorBackend}; releasing it drops the array. */
final class HeapStorage implements Storage {
    private final VectorBackend owner;
    private final int length;
    private float[] data;

    HeapStorage(VectorBackend owner, int length) {
        this.owner = owner;
        this.length = length;
        this.data = new float[length];
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

    void release() {
        data = null;
    }

    @Override
    public String toString() {
        return "VectorStorage[" + length + (isReleased() ? ", released]" : "]");
    }
}
