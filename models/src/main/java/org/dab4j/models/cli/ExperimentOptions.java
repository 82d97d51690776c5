package org.dab4j.models.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.dab4j.models.report.RunOutputs;
import org.dab4j.tensor.Backends;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code --backend}, {@code --out} and {@code --log-every}, shared by every experiment command, with the checks
 * on the command line that all experiments make the same way: the wording of invalid values, the backend and the
 * output directory.
 */
final class ExperimentOptions {
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to train on. Default: -Ddab4j.backend, else DAB4J_BACKEND, else the best available.")
    String backend;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory. Default: runs/${COMMAND-NAME}-<timestamp> under the working directory.")
    Path out;

    @Option(names = "--log-every", paramLabel = "STEPS",
            description = "Steps per row of metrics.csv. Default: steps/200, at least 1.")
    Integer logEvery;

    void require(boolean valid, String option, Object value, String rule) {
        if (!valid) {
            throw invalid(option, value, rule);
        }
    }

    ParameterException invalid(String option, Object value, String why) {
        return new ParameterException(command.commandLine(),
                "Invalid value for option '" + option + "': " + value + " (" + why + ")");
    }

    /** Checks {@code --log-every} and the command's own {@code --eval-every}, whose help differs per experiment. */
    void requireSchedule(Integer evalEvery) {
        require(logEvery == null || logEvery > 0, "--log-every", logEvery, "must be positive");
        require(evalEvery == null || evalEvery > 0, "--eval-every", evalEvery, "must be positive");
    }

    /**
     * Selects the backend and prepares the output directory, before any training; {@code subject} names the
     * experiment's metrics in the error when one clashes with a result.json field.
     */
    ExperimentRun start(CliEnvironment environment, String subject) {
        Injector injector = Guice.createInjector(environment.backendModule().apply(backend));
        validateBackend(injector.getInstance(BackendsCommand.PROBES));
        Path dir = out != null ? out : defaultOutput(environment);
        try {
            RunOutputs.prepare(dir);
        } catch (IOException e) {
            throw invalid("--out", dir, "cannot write there: " + describe(e));
        }
        return new ExperimentRun(command.name(), subject, environment, injector, dir, command.commandLine().getOut());
    }

    /**
     * Fails before any work when no backend can be had: for an explicit {@code --backend} as invalid input
     * naming the option, otherwise (nothing available, or a bad {@code -Ddab4j.backend} or
     * {@code DAB4J_BACKEND}) as the selection error itself.
     */
    private void validateBackend(List<Backends.Probe> probes) {
        try {
            Backends.choose(probes, backend, System::getProperty, System::getenv);
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (backend == null) {
                throw e;
            }
            throw invalid("--backend", "'" + backend + "'", e.getMessage());
        }
    }

    /** {@code runs/<command>-<timestamp>}, with a counter appended when a run of the same second took that name. */
    private Path defaultOutput(CliEnvironment environment) {
        String base = command.name() + "-" + LocalDateTime.now(environment.clock()).format(RUN_STAMP);
        Path dir = Path.of("runs", base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = Path.of("runs", base + "-" + n);
        }
        return dir;
    }

    /** An I/O failure in words: the path and the reason the system gave. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException fse) {
            String reason = switch (fse) {
                case AccessDeniedException a -> "permission denied";
                case NoSuchFileException n -> "no such file or directory";
                case FileAlreadyExistsException f -> "already exists";
                default -> fse.getReason() != null ? fse.getReason() : fse.getClass().getSimpleName();
            };
            return fse.getFile() + ": " + reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
