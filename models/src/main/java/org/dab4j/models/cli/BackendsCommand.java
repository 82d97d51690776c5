package org.dab4j.models.cli;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import org.dab4j.tensor.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code dab4j backends}: every provider found, whether it can run here, and a self-test of those that can. */
@Command(name = "backends", mixinStandardHelpOptions = true, versionProvider = Dab4jCli.Version.class,
        description = {"Lists the backends, self-testing the available ones.",
                "Shows every provider on the class path with its priority and availability, self-tests each "
                        + "available one (uploads two vectors, adds them, checks the sum) and names the one "
                        + "automatic selection picks. Exits with 1 when a self-test fails or none is available."})
final class BackendsCommand implements Callable<Integer> {
    /** The binding of every discovered provider's probe, as {@code org.dab4j.inject.Dab4jModule} provides it. */
    static final Key<List<Backends.Probe>> PROBES = Key.get(new TypeLiteral<>() {
    });

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    BackendsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Backends.Probe> probes = Guice.createInjector(environment.backendModule().apply(null)).getInstance(PROBES);
        if (probes.isEmpty()) {
            throw new IllegalStateException("no backend provider is on the class path (add dab4j-backend-vector)");
        }
        int nameWidth = Math.max("backend".length(), probes.stream().mapToInt(p -> p.name().length()).max().orElse(0));
        String row = "%-" + nameWidth + "s  %8s  %-11s  %s%n";
        out.printf(Locale.ROOT, row, "backend", "priority", "status", "detail");
        boolean allPassed = true;
        for (Backends.Probe probe : probes) {
            String status;
            String detail;
            if (probe.availability().available()) {
                BackendSelfTest.Outcome outcome = BackendSelfTest.run(probe.provider());
                allPassed &= outcome.passed();
                status = outcome.passed() ? "ok" : "FAILED";
                detail = outcome.passed() ? outcome.detail() + " (self-test passed)" : "self-test: " + outcome.detail();
            } else {
                status = "unavailable";
                detail = probe.availability().detail();
            }
            out.printf(Locale.ROOT, row, probe.name(), probe.provider().priority(), status, detail);
        }
        boolean selectable = true;
        try {
            Backends.Probe chosen = Backends.choose(probes, null, System::getProperty, System::getenv);
            out.println("automatic selection: " + chosen.name());
        } catch (IllegalArgumentException | IllegalStateException e) {
            selectable = false;
            out.println("automatic selection: none (" + e.getMessage() + ")");
        }
        out.flush();
        return allPassed && selectable ? 0 : 1;
    }
}
