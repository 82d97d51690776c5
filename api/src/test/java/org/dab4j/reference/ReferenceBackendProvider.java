package org.dab4j.reference;

import org.dab4j.tensor.Availability;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.BackendProvider;

/**
 * The provider of the scalar {@link ReferenceBackend}. Deliberately not registered with
 * {@link java.util.ServiceLoader}: tests pass it to {@link org.dab4j.tensor.Backends#probe} explicitly, so it
 * is never picked up by accident.
 */
public final class ReferenceBackendProvider implements BackendProvider {
    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    /** Lowest of all: a real backend always wins the automatic choice. */
    @Override
    public int priority() {
        return -100;
    }

    @Override
    public Availability availability() {
        return Availability.available("scalar Java on the calling thread");
    }

    /** The reference runs on the calling thread only, so {@code config.threads()} is not used. */
    @Override
    public Backend create(BackendConfig config) {
        return new ReferenceBackend();
    }
}
