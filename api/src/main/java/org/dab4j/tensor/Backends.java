package org.dab4j.tensor;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Discovers backend providers and selects one, deterministically: the explicit name, else the system
 * property {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT}, else the available
 * provider of highest priority (ties broken by name). An explicitly requested backend that is unknown or
 * unavailable is an error, never a silent fallback.
 */
public final class Backends {
    public static final String PROPERTY = "dab4j.backend";
    public static final String ENVIRONMENT = "DAB4J_BACKEND";

    private static final Logger LOG = System.getLogger(Backends.class.getName());

    private Backends() {
    }

    /** A provider with its probed availability. */
    public record Probe(BackendProvider provider, Availability availability) {
        public String name() {
            return provider.name();
        }
    }

    /** Every provider on the class or module path, probed once, in selection order (priority, then name). */
    public static List<Probe> discover() {
        List<BackendProvider> providers = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                providers.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.log(Level.WARNING, "backend provider could not be loaded: " + e);
            }
        }
        return probe(providers);
    }

    /** Probes the given providers (never throwing) and sorts them in selection order, logging one line each. */
    public static List<Probe> probe(List<BackendProvider> providers) {
        List<Probe> probes = new ArrayList<>();
        for (BackendProvider p : providers) {
            Availability a;
            try {
                a = p.availability();
            } catch (RuntimeException | LinkageError e) {
                a = Availability.unavailable("availability check failed: " + e);
            }
            probes.add(new Probe(p, a));
        }
        probes.sort(Comparator.comparingInt((Probe p) -> -p.provider().priority()).thenComparing(Probe::name));
        for (Probe p : probes) {
            if (p.availability().available()) {
                LOG.log(Level.INFO, "backend " + p.name() + ": available, priority " + p.provider().priority()
                        + " (" + p.availability().detail() + ")");
            } else {
                LOG.log(Level.INFO, "backend " + p.name() + ": skipped, " + p.availability().detail());
            }
        }
        return probes;
    }

    /** Selects and creates a backend from the discovered providers; {@code requested} may be null. */
    public static Backend select(String requested, BackendConfig config) {
        return choose(discover(), requested, System::getProperty, System::getenv).provider().create(config);
    }

    /**
     * The provider to use: {@code requested} when not blank, else {@code property(PROPERTY)}, else
     * {@code environment(ENVIRONMENT)}, else the first available probe.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     * @throws IllegalStateException when the named backend is unavailable (with its reason) or none is available
     */
    public static Probe choose(List<Probe> probes, String requested, UnaryOperator<String> property,
                               UnaryOperator<String> environment) {
        String name = firstNonBlank(requested, property.apply(PROPERTY), environment.apply(ENVIRONMENT));
        if (name == null) {
            return probes.stream().filter(p -> p.availability().available()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no dab4j backend is available: "
                            + (probes.isEmpty() ? "no provider on the class path (add dab4j-backend-vector)"
                            : describe(probes))));
        }
        Optional<Probe> match = probes.stream().filter(p -> p.name().equals(name)).findFirst();
        Probe probe = match.orElseThrow(() -> new IllegalArgumentException("unknown backend '" + name
                + "'; known backends: " + (probes.isEmpty() ? "none"
                : probes.stream().map(Probe::name).collect(Collectors.joining(", ")))));
        if (!probe.availability().available()) {
            throw new IllegalStateException("backend '" + name + "' is not available: " + probe.availability().detail());
        }
        return probe;
    }

    private static String describe(List<Probe> probes) {
        return probes.stream().map(p -> p.name() + " (" + p.availability().detail() + ")")
                .collect(Collectors.joining("; "));
    }

    private static String firstNonBlank(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c.trim();
            }
        }
        return null;
    }
}
