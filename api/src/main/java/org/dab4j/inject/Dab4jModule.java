package org.dab4j.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;
import org.dab4j.tensor.Backends;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the selected {@link Backend} as a singleton, and every discovered provider's probe by name.
 * The selection follows {@link Backends}: the requested name (null for automatic), then
 * {@code -Ddab4j.backend}, then {@code DAB4J_BACKEND}, then the highest priority available provider.
 *
 * <pre>{@code
 * Backend backend = Guice.createInjector(new Dab4jModule("vector")).getInstance(Backend.class);
 * }</pre>
 */
public final class Dab4jModule extends AbstractModule {
    private final String requestedBackend;
    private final BackendConfig config;

    /** Automatic selection with default settings. */
    public Dab4jModule() {
        this(null);
    }

    /** {@code requestedBackend} may be null for automatic selection. */
    public Dab4jModule(String requestedBackend) {
        this(requestedBackend, BackendConfig.defaults());
    }

    public Dab4jModule(String requestedBackend, BackendConfig config) {
        this.requestedBackend = requestedBackend;
        this.config = config;
    }

    @Provides
    @Singleton
    List<Backends.Probe> probes() {
        return Backends.discover();
    }

    /** Every discovered provider, available or not, by name in selection order. */
    @Provides
    @Singleton
    Map<String, Backends.Probe> probesByName(List<Backends.Probe> probes) {
        Map<String, Backends.Probe> byName = new LinkedHashMap<>();
        probes.forEach(p -> byName.put(p.name(), p));
        return byName;
    }

    @Provides
    @Singleton
    Backend backend(List<Backends.Probe> probes) {
        return Backends.choose(probes, requestedBackend, System::getProperty, System::getenv)
                .provider().create(config);
    }
}
