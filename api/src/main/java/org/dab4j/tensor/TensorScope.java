package org.dab4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Releases the storage of every tensor created while it is open, at {@link #close()}: the intermediates
 * of a training step live exactly as long as the step. Tensors created outside any scope (parameters,
 * optimizer state) live until released by hand. Scopes nest per thread; {@link #keep} hands a tensor to
 * the enclosing scope (or to no scope) so it outlives this one. The gradient buffer of a leaf lives exactly
 * as long as the leaf's storage (see {@link Tensor#accumulateGrad}): a parameter's survives every scope, and
 * that of a temporary leaf made inside a step (such as {@code x.detach().requiresGrad(true)}) is released
 * with it.
 *
 * <pre>{@code
 * try (TensorScope step = TensorScope.open()) {
 *     Tensor loss = model.loss(batch);
 *     loss.backward();
 *     optimizer.step();
 * }   // every intermediate of the step is released here
 * }</pre>
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<TensorScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<Tensor> owned = new ArrayList<>();
    private final Set<Tensor> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private TensorScope() {
    }

    /** Opens a scope on this thread; close it on the same thread, in reverse order of opening. */
    public static TensorScope open() {
        TensorScope scope = new TensorScope();
        OPEN.get().push(scope);
        return scope;
    }

    /**
     * Runs {@code body} with no scope open, so what it creates lives until released by hand (used for
     * gradients of parameters and optimizer state created lazily inside a step).
     */
    public static <T> T outside(java.util.function.Supplier<T> body) {
        ArrayDeque<TensorScope> saved = OPEN.get();
        OPEN.set(new ArrayDeque<>());
        try {
            return body.get();
        } finally {
            OPEN.set(saved);
        }
    }

    /**
     * Called by {@link Tensor} for every tensor that owns new storage (and for views of storage in no scope);
     * answers the scope that will release it, or null.
     */
    static TensorScope track(Tensor tensor) {
        TensorScope scope = OPEN.get().peek();
        if (scope != null) {
            scope.owned.add(tensor);
        }
        return scope;
    }

    /** Whether this scope has not been closed yet. */
    boolean isOpen() {
        return !closed;
    }

    /** Moves {@code tensor} to the enclosing scope (or to none), so it survives this scope's close. */
    public <T extends Tensor> T keep(T tensor) {
        if (kept.add(tensor)) {
            ArrayDeque<TensorScope> stack = OPEN.get();
            TensorScope enclosing = null;
            boolean passed = false;
            for (TensorScope s : stack) {
                if (passed) {
                    enclosing = s;
                    break;
                }
                passed = s == this;
            }
            if (enclosing != null) {
                enclosing.owned.add(tensor);
            }
            tensor.movedTo(enclosing);
        }
        return tensor;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ArrayDeque<TensorScope> stack = OPEN.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("tensor scopes must be closed in reverse order of opening, on the thread that opened them");
        }
        stack.pop();
        for (Tensor t : owned) {
            if (!kept.contains(t)) {
                t.release();
            }
        }
        owned.clear();
    }
}
