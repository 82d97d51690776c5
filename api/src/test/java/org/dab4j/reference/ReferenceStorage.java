package org.dab4j.reference;

import org.dab4j.tensor.Storage;

/** A heap float array owned by one {@link ReferenceBackend}. */
public final class ReferenceStorage implements Storage {
    private final ReferenceBackend owner;
    private final float[] data;
    private boolean released;

    ReferenceStorage(ReferenceBackend owner, int length) {
        this.owner = owner;
        this.data = new float[length];
    }

    @Override
    public int length() {
        return data.length;
    }

    /** Released explicitly, or implicitly by closing the backend that owns it. */
    @Override
    public boolean isReleased() {
        return released || owner.isClosed();
    }

    ReferenceBackend owner() {
        return owner;
    }

    float[] data() {
        return data;
    }

    void markReleased() {
        released = true;
    }

    @Override
    public String toString() {
        return "ReferenceStorage[" + data.length + (isReleased() ? ", released]" : "]");
    }
}
