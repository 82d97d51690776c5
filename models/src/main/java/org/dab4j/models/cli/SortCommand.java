package org.dab4j.models.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.dab4j.models.report.ConsoleProgress;
import org.dab4j.models.report.MetricFormat;
import org.dab4j.models.report.RunOutputs;
import org.dab4j.models.sort.SortConfig;
import org.dab4j.models.train.Trainer;
import org.dab4j.models.train.TrainingRun;
import org.dab4j.models.train.TrainingSchedule;
import org.dab4j.models.train.TrainingTask;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dab4j sort}: the paper's sorting experiment, a network with a hard signum layer learning the argsort. */
@Command(name = "sort", mixinStandardHelpOptions = true, versionProvider = Dab4jCli.Version.class,
        sortOptions = false, showDefaultValues = true,
        description = {"Learns to sort numbers with a hard signum layer inside (the paper's sorting experiment).",
                "Trains a network to output the argsort of sequences of U(0,1) numbers; its 256 latent features "
                        + "pass a signum with margin 0.5, crossed by the chosen estimator. Writes result.json, "
                        + "metrics.csv and training.png to --out."})
final class SortCommand implements Callable<Integer> {
    /** The evaluation metrics every sort run reports in result.json. */
    static final List<String> REQUIRED_EVALUATION = List.of("test_all_or_none_accuracy", "test_position_accuracy");
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--length", paramLabel = "N", defaultValue = "5",
            description = "Elements per sequence (at least 2).")
    int length;

    @Option(names = "--estimator", paramLabel = "NAME", defaultValue = "dab",
            description = "How gradients cross the signum layer: dab, ste (straight-through) or none (no signum layer).")
    String estimator;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "3000", description = "Training steps.")
    int steps;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1024", description = "Sequences per training batch.")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Learning rate (positive).")
    double lr;

    @Option(names = "--gamma", paramLabel = "WEIGHT", defaultValue = "10",
            description = "Weight of the DAB loss (non-negative).")
    double gamma;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed for data and weights.")
    long seed;

    @Option(names = "--test-size", paramLabel = "N", defaultValue = "10000",
            description = "Sequences in the fixed held-out test set.")
    int testSize;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to train on. Default: -Ddab4j.backend, else DAB4J_BACKEND, else the best available.")
    String backend;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory. Default: runs/sort-<timestamp> under the working directory.")
    Path out;

    @Option(names = "--log-every", paramLabel = "STEPS",
            description = "Steps per row of metrics.csv. Default: steps/200, at least 1.")
    Integer logEvery;

    @Option(names = "--eval-every", paramLabel = "STEPS",
            description = "Steps between evaluations on the test set (always also at the end). Default: steps/5.")
    Integer evalEvery;

    SortCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        validateNumbers();
        Injector injector = Guice.createInjector(environment.backendModule().apply(backend));
        validateBackend(injector.getInstance(BackendsCommand.PROBES));
        Path dir = out != null ? out : defaultOutput();
        prepareOutput(dir);

        SortConfig config = new SortConfig(length, estimator, steps, batch, lr, gamma, seed, testSize);
        TrainingSchedule schedule = TrainingSchedule.of(steps, logEvery, evalEvery);
        PrintWriter console = spec.commandLine().getOut();
        try (Backend engine = injector.getInstance(Backend.class)) {
            TrainingRun run;
            try (TrainingTask task = environment.sortTasks().create(engine, config)) {
                run = new Trainer(schedule).run(task, ConsoleProgress.forOutput(console, environment.terminal()));
            }
            Map<String, Object> result = result(config, schedule, engine, run);
            try {
                RunOutputs.write(dir, result, run.rows(), String.format(Locale.ROOT,
                        "sort: length %d, estimator %s, backend %s, seed %d", length, estimator, engine.name(), seed));
            } catch (IOException e) {
                throw new UncheckedIOException("writing the results to " + dir + " failed: " + describe(e), e);
            }
            console.println(summary(run, engine, dir));
            console.flush();
        }
        return 0;
    }

    private void validateNumbers() {
        require(length >= 2, "--length", length, "must be at least 2");
        require(SortConfig.ESTIMATORS.contains(estimator), "--estimator", "'" + estimator + "'",
                "must be one of " + String.join(", ", SortConfig.ESTIMATORS));
        require(steps > 0, "--steps", steps, "must be positive");
        require(batch > 0, "--batch", batch, "must be positive");
        require(lr > 0 && Double.isFinite(lr), "--lr", lr, "must be positive and finite");
        require(gamma >= 0 && Double.isFinite(gamma), "--gamma", gamma, "must be non-negative and finite");
        require(testSize > 0, "--test-size", testSize, "must be positive");
        require(logEvery == null || logEvery > 0, "--log-every", logEvery, "must be positive");
        require(evalEvery == null || evalEvery > 0, "--eval-every", evalEvery, "must be positive");
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

    private void prepareOutput(Path dir) {
        try {
            RunOutputs.prepare(dir);
        } catch (IOException e) {
            throw invalid("--out", dir, "cannot write there: " + describe(e));
        }
    }

    /** {@code runs/sort-<timestamp>}, with a counter appended when a run of the same second took that name. */
    private Path defaultOutput() {
        String base = "sort-" + LocalDateTime.now(environment.clock()).format(RUN_STAMP);
        Path dir = Path.of("runs", base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = Path.of("runs", base + "-" + n);
        }
        return dir;
    }

    private Map<String, Object> result(SortConfig config, TrainingSchedule schedule, Backend engine, TrainingRun run) {
        Map<String, Double> evaluation = run.finalEvaluation();
        if (!evaluation.keySet().containsAll(REQUIRED_EVALUATION)) {
            throw new IllegalStateException("the sort task's evaluation must report " + REQUIRED_EVALUATION
                    + " but reported " + evaluation.keySet());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("experiment", "sort");
        result.put("length", config.length());
        result.put("estimator", config.estimator());
        result.put("steps", config.steps());
        result.put("batch", config.batch());
        result.put("lr", config.lr());
        result.put("gamma", config.gamma());
        result.put("seed", config.seed());
        result.put("test_size", config.testSize());
        result.put("log_every", schedule.logEvery());
        result.put("eval_every", schedule.evalEvery());
        result.put("backend", engine.name());
        result.put("backend_device", engine.description());
        putMetrics(result, evaluation);
        putMetrics(result, run.finalTraining());
        result.put("train_samples_per_second", run.trainSamplesPerSecond());
        result.put("wall_seconds", run.wallSeconds());
        return result;
    }

    private static void putMetrics(Map<String, Object> result, Map<String, Double> metrics) {
        metrics.forEach((name, value) -> {
            if (result.putIfAbsent(name, value) != null) {
                throw new IllegalStateException("the sort task's metric '" + name + "' clashes with a result.json field");
            }
        });
    }

    private static String summary(TrainingRun run, Backend engine, Path dir) {
        Map<String, Double> key = new LinkedHashMap<>(run.finalEvaluation());
        Double loss = run.finalTraining().get("loss");
        if (loss != null) {
            key.put("loss", loss);
        }
        return String.format(Locale.ROOT, "sort done: %s  |  %.0f samples/s, %s on %s  |  results in %s",
                MetricFormat.metrics(key), run.trainSamplesPerSecond(), MetricFormat.seconds(run.wallSeconds()),
                engine.name(), dir);
    }

    private void require(boolean valid, String option, Object value, String rule) {
        if (!valid) {
            throw invalid(option, value, rule);
        }
    }

    private ParameterException invalid(String option, Object value, String why) {
        return new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': " + value + " (" + why + ")");
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
