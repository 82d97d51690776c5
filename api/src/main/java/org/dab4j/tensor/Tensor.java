package org.dab4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.dab4j.autograd.Autograd;
import org.dab4j.autograd.Node;
import org.dab4j.autograd.Ops;

/**
 * An n-dimensional float array held by a {@link Backend}. A tensor is a {@link Shape} over backend-owned
 * {@link Storage}; its values reach the host only through {@link #toArray()} and {@link #item()}.
 * Views made by {@link #reshape} share the storage of their base.
 *
 * <p>The operations ({@link #add}, {@link #matmul}, {@link #sum}, ...) write fresh tensors, which belong to
 * the open {@link TensorScope} like any other. While grad mode is on (see {@link Autograd}) and an input
 * {@linkplain #requiresGrad() requires grad}, each operation records itself on the tape, and
 * {@link #backward()} later walks the tape to fill the {@link #grad()} of the leaves. The gradient rules
 * live in {@link Ops}, next to each forward computation.
 */
public final class Tensor {
    private final Backend backend;
    private final Shape shape;
    private final Storage storage;
    private final Tensor base;
    private boolean requiresGrad;
    private Node gradFn;
    private Tensor grad;
    /**
     * For a tensor that owns its storage: the scope that releases it, or null. For a view: the scope that
     * releases the gradient buffer it may get, set only when its base belongs to no scope.
     */
    private TensorScope scope;
    /** Gradient buffers that live exactly as long as this tensor: released with it. */
    private List<Tensor> dependents;

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
        t.scope = TensorScope.track(t);
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
        return view(newShape);
    }

    /**
     * A view of this tensor's storage. A view of storage that belongs to no scope (a parameter's) made inside
     * a scope is tracked by that scope, which releases the gradient buffer the view may get as a leaf.
     */
    private Tensor view(Shape viewShape) {
        Tensor root = base == null ? this : base;
        Tensor view = new Tensor(backend, viewShape, storage, root);
        if (root.scope == null) {
            view.scope = TensorScope.track(view);
        }
        return view;
    }

    /** Called by {@link TensorScope#keep} when this tensor moves to {@code enclosing} (null: to no scope). */
    void movedTo(TensorScope enclosing) {
        scope = enclosing;
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

    /**
     * Releases the storage now (a view releases none: its base owns the memory), together with the gradient
     * buffers of the leaves that live on it.
     */
    public void release() {
        if (base == null) {
            backend.release(storage);
        }
        if (dependents != null) {
            dependents.forEach(Tensor::release);
            dependents = null;
        }
    }

    // ---------------------------------------------------------------- autograd state

    /** Whether gradients flow to this tensor: a leaf marked by {@link #requiresGrad(boolean)}, or a recorded result. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks a leaf (a tensor no operation recorded, such as a parameter) as needing a gradient.
     *
     * @return this tensor
     * @throws IllegalStateException when clearing the flag of a recorded result; use {@link #detach()} instead
     */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value) {
            throw new IllegalStateException("cannot clear requiresGrad of a result of '" + gradFn.op()
                    + "': only leaves carry the flag; use detach() for a copy without history");
        }
        requiresGrad = value || gradFn != null;
        return this;
    }

    /** The recorded operation that produced this tensor, or null for a leaf; for the autograd engine. */
    public Node gradFn() {
        return gradFn;
    }

    /**
     * Records {@code node} as the operation that produced this tensor, which makes it require grad. Only
     * {@link org.dab4j.autograd} creates nodes, and it calls this once on each fresh result.
     *
     * @throws IllegalStateException when this tensor already has a history or is a leaf that requires grad
     */
    public void setGradFn(Node node) {
        Objects.requireNonNull(node, "node");
        if (gradFn != null || requiresGrad) {
            throw new IllegalStateException("tensor " + shape + " already " + (gradFn != null
                    ? "was produced by '" + gradFn.op() + "'" : "is a leaf that requires grad") + "; cannot record '"
                    + node.op() + "' on it");
        }
        gradFn = node;
        requiresGrad = true;
    }

    /** The accumulated gradient of a leaf; null until a backward pass reached it. */
    public Tensor grad() {
        return grad;
    }

    /**
     * Adds {@code gradient} (same shape) into {@link #grad()}. The first call allocates the buffer, which lives
     * exactly as long as this leaf's storage: a parameter's gradient (storage in no scope) survives every step,
     * and the gradient of a leaf made inside a {@link TensorScope} (or of a view of such a leaf) is released by
     * the scope that owns the leaf, whichever scope is innermost during the backward pass. A view of a
     * parameter made inside a scope gets its gradient released by that scope.
     *
     * @throws IllegalStateException when this leaf's storage was already released
     */
    public void accumulateGrad(Tensor gradient) {
        if (!gradient.shape.equals(shape)) {
            throw new IllegalArgumentException("gradient of shape " + gradient.shape + " does not fit tensor " + shape);
        }
        if (gradient.backend != backend) {
            throw new IllegalArgumentException("gradient lives on backend " + gradient.backend.name()
                    + ", the tensor on " + backend.name());
        }
        if (grad == null) {
            if (storage.isReleased()) {
                throw new IllegalStateException("a gradient reached the leaf " + shape + " after its storage was"
                        + " released (did its TensorScope close before the backward pass?)");
            }
            Tensor owner = gradientOwner();
            grad = TensorScope.outside(() -> zeros(backend, shape));
            if (owner.dependents == null) {
                owner.dependents = new ArrayList<>(1);
            }
            owner.dependents.add(grad);
            backend.copy(gradient.storage(), 0, grad.storage(), 0, shape.size());
        } else {
            backend.binary(BinaryOp.ADD, grad.storage(), shape, gradient.storage(), shape, grad.storage());
        }
    }

    /**
     * The tensor whose release releases this leaf's gradient: the tensor owning the storage, unless that
     * belongs to no scope and this is a view an open scope tracks.
     */
    private Tensor gradientOwner() {
        Tensor root = base == null ? this : base;
        return root.scope == null && scope != null && scope.isOpen() ? this : root;
    }

    /** Sets the gradient to zero, keeping its buffer (no-op before the first backward pass). */
    public void zeroGrad() {
        if (grad != null) {
            backend.fill(grad.storage(), shape.size(), 0f);
        }
    }

    /**
     * Back-propagates from this one-element tensor: adds d(this)/d(leaf) into the {@link #grad()} of every
     * leaf that requires grad, then frees the recorded graph.
     */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /** As {@link #backward()}, keeping the graph when {@code retainGraph} so it can be walked again. */
    public void backward(boolean retainGraph) {
        Autograd.backward(this, null, retainGraph);
    }

    /** The same storage without history; the result does not require grad. */
    public Tensor detach() {
        return view(shape);
    }

    // ---------------------------------------------------------------- operations (rules in Ops)

    /** Elementwise sum with numpy broadcasting. */
    public Tensor add(Tensor other) {
        return Ops.add(this, other);
    }

    /** Elementwise difference with numpy broadcasting. */
    public Tensor sub(Tensor other) {
        return Ops.sub(this, other);
    }

    /** Elementwise product with numpy broadcasting. */
    public Tensor mul(Tensor other) {
        return Ops.mul(this, other);
    }

    /** Elementwise quotient with numpy broadcasting. */
    public Tensor div(Tensor other) {
        return Ops.div(this, other);
    }

    public Tensor add(float value) {
        return Ops.add(this, value);
    }

    public Tensor sub(float value) {
        return Ops.sub(this, value);
    }

    public Tensor mul(float value) {
        return Ops.mul(this, value);
    }

    public Tensor div(float value) {
        return Ops.div(this, value);
    }

    /** Elementwise {@code this ^ exponent}. */
    public Tensor pow(float exponent) {
        return Ops.pow(this, exponent);
    }

    public Tensor neg() {
        return Ops.neg(this);
    }

    public Tensor exp() {
        return Ops.exp(this);
    }

    public Tensor log() {
        return Ops.log(this);
    }

    public Tensor tanh() {
        return Ops.tanh(this);
    }

    public Tensor sigmoid() {
        return Ops.sigmoid(this);
    }

    public Tensor relu() {
        return Ops.relu(this);
    }

    public Tensor square() {
        return Ops.square(this);
    }

    public Tensor sqrt() {
        return Ops.sqrt(this);
    }

    public Tensor abs() {
        return Ops.abs(this);
    }

    /** The matrix product {@code [m,k] x [k,n] -> [m,n]}. */
    public Tensor matmul(Tensor other) {
        return Ops.matmul(this, false, other, false);
    }

    /** {@code op(a) x op(b)}, where {@code op} transposes its rank-2 argument when the flag is set. */
    public static Tensor matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
        return Ops.matmul(a, transA, b, transB);
    }

    /** The sum of all elements, rank 0. */
    public Tensor sum() {
        return Ops.sum(this);
    }

    /** The mean of all elements, rank 0. */
    public Tensor mean() {
        return Ops.mean(this);
    }

    /** Sums along {@code axis} (negative counts from the end), removing it. */
    public Tensor sum(int axis) {
        return Ops.sum(this, axis);
    }

    /** Averages along {@code axis}, removing it. */
    public Tensor mean(int axis) {
        return Ops.mean(this, axis);
    }

    /** The maximum along {@code axis}, removing it; the gradient goes to the first maximal element. */
    public Tensor max(int axis) {
        return Ops.max(this, axis);
    }

    /** The index of the first maximum along {@code axis}, as floats, removing the axis; never requires grad. */
    public Tensor argmax(int axis) {
        return Ops.argmax(this, axis);
    }

    /** The softmax along {@code axis}. */
    public Tensor softmax(int axis) {
        return Ops.softmax(this, axis);
    }

    /** The log of the softmax along {@code axis}, computed stably. */
    public Tensor logSoftmax(int axis) {
        return Ops.logSoftmax(this, axis);
    }

    /** A view with other dimensions of the same total size; one dimension may be -1 (inferred). */
    public Tensor reshape(int... dims) {
        return Ops.reshape(this, dims);
    }

    /** -1, 0 or 1 elementwise; never requires grad. */
    public Tensor sign() {
        return Ops.sign(this);
    }

    /** Rounds half to even elementwise; never requires grad. */
    public Tensor round() {
        return Ops.round(this);
    }

    /** Each row of the last axis sorted ascending (NaN last); never requires grad. */
    public Tensor sort() {
        return Ops.sort(this);
    }

    /** The stable ascending order of each row of the last axis, as float indices; never requires grad. */
    public Tensor argsort() {
        return Ops.argsort(this);
    }

    /** 1 where {@code this > other} (broadcasting), else 0; never requires grad. */
    public Tensor gt(Tensor other) {
        return Ops.compare(BinaryOp.GT, this, other);
    }

    public Tensor lt(Tensor other) {
        return Ops.compare(BinaryOp.LT, this, other);
    }

    public Tensor ge(Tensor other) {
        return Ops.compare(BinaryOp.GE, this, other);
    }

    public Tensor le(Tensor other) {
        return Ops.compare(BinaryOp.LE, this, other);
    }

    public Tensor eq(Tensor other) {
        return Ops.compare(BinaryOp.EQ, this, other);
    }

    public Tensor gt(float value) {
        return Ops.compare(BinaryOp.GT, this, value);
    }

    public Tensor lt(float value) {
        return Ops.compare(BinaryOp.LT, this, value);
    }

    /** {@code cond != 0 ? a : b} elementwise over three tensors of one shape; gradients reach a and b. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Ops.where(cond, a, b);
    }

    /**
     * {@code out[..., j, ...] = this[..., index[..., j, ...], ...]} picking along {@code axis}: {@code index}
     * has this shape without {@code axis} and holds indices as floats.
     */
    public Tensor gather(int axis, Tensor index) {
        return Ops.gather(this, axis, index);
    }

    @Override
    public String toString() {
        return "Tensor" + shape + "@" + backend.name() + (gradFn != null ? " <" + gradFn.op() + ">"
                : requiresGrad ? " requiresGrad" : "");
    }
}
