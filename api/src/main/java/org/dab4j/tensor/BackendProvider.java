package org.dab4j.tensor;

/**
 * A backend's entry point, found with {@link java.util.ServiceLoader}. Cheap to construct: the engine is
 * built only by {@link #create}.
 */
public interface BackendProvider {
    /** The name users select it by, e.g. {@code vector}. */
    String name();

    /** Higher wins when no backend is requested explicitly. */
    int priority();

    /**
     * Whether this provider can run here. Never throws: a missing native library ({@link LinkageError}),
     * platform or device is reported as {@link Availability#unavailable}.
     */
    Availability availability();

    /** Builds the engine; call only when {@link #availability()} is available. */
    Backend create(BackendConfig config);
}
