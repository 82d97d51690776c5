package org.dab4j.bench;

import java.util.List;

import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Backends;

/**
 * The engines the benchmarks run on: every available provider on the class path, found by name through
 * {@link Backends}, so an engine added to the runtime class path is benchmarked without a code change.
 */
public final class BenchBackends {
    /** System property: the threads each engine is created with; every available processor when unset. */
    public static final String THREADS_PROPERTY = "dab4j.bench.threads";

    private BenchBackends() {
    }

    /** The names of the available providers, in selection order. */
    public static List<String> availableNames() {
        return Backends.discover().stream().filter(p -> p.availability().available()).map(Backends.Probe::name)
                .toList();
    }

    /** Creates the engine called {@code name}; an unknown or unavailable name is an error that says why. */
    public static Backend open(String name) {
        return Backends.choose(Backends.discover(), name, key -> null, key -> null).provider().create(config());
    }

    private static BackendConfig config() {
        String threads = System.getProperty(THREADS_PROPERTY);
        if (threads == null || threads.isBlank()) {
            return BackendConfig.defaults();
        }
        try {
            return new BackendConfig(Integer.parseInt(threads.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(THREADS_PROPERTY + " must be a whole number, got '" + threads + "'", e);
        }
    }
}
