package org.dab4j.backend.vector;

import org.dab4j.tensor.Availability;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.BackendProvider;

/**
 * The provider of {@link VectorBackend}. This class never touches {@code jdk.incubator.vector} itself, so
 * it loads and answers {@link #availability()} on a JVM started without that module; only the backend (and,
 * once the module is known to be there, its description) does.
 */
public final class VectorBackendProvider implements BackendProvider {
    public static final String NAME = "vector";
    static final String MODULE = "jdk.incubator.vector";

    @Override
    public String name() {
        return NAME;
    }

    /** Above any engine that needs no setup: on a CPU this is the fastest one. */
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        try {
            if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
                return Availability.unavailable("the module " + MODULE
                        + " is not loaded; start the JVM with --add-modules " + MODULE);
            }
            int cores = Runtime.getRuntime().availableProcessors();
            return Availability.available("CPU, " + cores + (cores == 1 ? " core, " : " cores, ")
                    + VectorBackend.simd());
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("the Vector API cannot be used here: " + e);
        }
    }

    @Override
    public Backend create(BackendConfig config) {
        return new VectorBackend(config);
    }
}
