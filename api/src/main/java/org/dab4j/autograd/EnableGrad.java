package org.dab4j.autograd;

/**
 * A scope in which operations record on the tape even inside a {@link NoGrad} scope or a backward pass,
 * opened by {@link Autograd#enableGrad()}. Closing it restores the previous grad mode, so scopes nest.
 */
public final class EnableGrad implements AutoCloseable {
    private final boolean previous;
    private boolean closed;

    EnableGrad() {
        previous = Autograd.setGradEnabled(true);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Autograd.setGradEnabled(previous);
        }
    }
}
