package org.dab4j.tensor;

import java.util.Objects;

/**
 * An n-dimensional float array held by a {@link Backend}. A tensor is a {@link Shape} over backend-owned
 * {@link Storage}; its values reach the host only through {@link #toArray()} and {@link #item()}.
 * Views made by {@link #reshape} share the storage of their base.
 */
public final class Tensor {
    private final Backend backend;
    private final Shape shape;
    private final Storage storage;
    private final Tensor base;

    private Tensor(Backend backend, Shape shape, Storage storage, Tensor base) {
        this.backend = backend;
        this.shape = shape;
        this.storage = storage;
        this.base = base;
    }

    /** A tensor that owns {@code storage} (allocated by {@code backend}); the open scope, if any, will release it. */
    public static Tensor wrap(Backend backend, Shape shape, Storage storage) {
        Objects.requireNonNull(backend, "backend");
        if (storage.length() != shape.size()) {
            throw new IllegalArgumentException("storage of " + storage.length() + " floats cannot hold shape " + shape);
        }
        Tensor t = new Tensor(backend, shape, storage, null);
        TensorScope.track(t);
        return t;
    }

    /** A zero-filled tensor. */
    public static Tensor zeros(Backend backend, Shape shape) {
        return wrap(backend, shape, backend.allocate(shape.size()));
    }

    public static Tensor zeros(Backend backend, int... dims) {
        return zeros(backend, Shape.of(dims));
    }

    /** A tensor with every element {@code value}. */
    public static Tensor full(Backend backend, Shape shape, float value) {
        Tensor t = zeros(backend, shape);
        if (value != 0f) {
            backend.fill(t.storage, shape.size(), value);
        }
        return t;
    }

    /** Uploads {@code data} (row-major) as a tensor of the given shape. */
    public static Tensor of(Backend backend, float[] data, int... dims) {
        Shape shape = Shape.of(dims);
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("data of length " + data.length + " does not fit shape " + shape);
        }
        Tensor t = zeros(backend, shape);
        backend.upload(data, 0, t.storage, 0, data.length);
        return t;
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(Backend backend, float value) {
        return full(backend, Shape.scalar(), value);
    }

    /** Uniform samples in [0, 1) from the counter-based stream {@code seed} (see {@link CounterRandom}). */
    public static Tensor uniform(Backend backend, Shape shape, long seed) {
        Tensor t = zeros(backend, shape);
        backend.randomUniform(t.storage, shape.size(), seed, 0);
        return t;
    }

    /** Standard normal samples from the counter-based stream {@code seed}. */
    public static Tensor normal(Backend backend, Shape shape, long seed) {
        Tensor t = zeros(backend, shape);
        backend.randomNormal(t.storage, shape.size(), seed, 0);
        return t;
    }

    public Backend backend() {
        return backend;
    }

    public Shape shape() {
        return shape;
    }

    public int size() {
        return shape.size();
    }

    /** The backend handle; for backends and autograd, not for user code. */
    public Storage storage() {
        if (storage.isReleased()) {
            throw new IllegalStateException("tensor " + shape + " was used after its storage was released (did its TensorScope close?)");
        }
        return storage;
    }

    /** A view with another shape of the same size, sharing storage (no copy). */
    public Tensor reshapeView(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " to " + newShape + ": sizes differ");
        }
        return new Tensor(backend, newShape, storage, base == null ? this : base);
    }

    /** Copies the values to the host, row-major. */
    public float[] toArray() {
        float[] out = new float[shape.size()];
        backend.download(storage(), 0, out, 0, out.length);
        return out;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (shape.size() != 1) {
            throw new IllegalStateException("item() needs a one-element tensor, got shape " + shape);
        }
        float[] out = new float[1];
        backend.download(storage(), 0, out, 0, 1);
        return out[0];
    }

    /** Releases the storage now (a view releases nothing: its base owns the memory). */
    public void release() {
        if (base == null) {
            backend.release(storage);
        }
    }

    @Override
    public String toString() {
        return "Tensor" + shape + "@" + backend.name();
    }
}
