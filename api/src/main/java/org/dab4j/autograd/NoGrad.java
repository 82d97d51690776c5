package org.dab4j.autograd;

/**
 * A scope in which operations record nothing on the tape, opened by {@link Autograd#noGrad()}. Closing it
 * restores the grad mode that was in force when it opened, so scopes nest.
 *
 * <pre>{@code
 * try (var _ = Autograd.noGrad()) {
 *     Tensor prediction = model.forward(x);   // no graph, no gradient memory
 * }
 * }</pre>
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;
    private boolean closed;

    NoGrad() {
        previous = Autograd.setGradEnabled(false);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Autograd.setGradEnabled(previous);
        }
    }
}
