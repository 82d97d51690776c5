package org.dab4j.models.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.dab4j.models.classifier.Activation;
import org.dab4j.models.classifier.Architecture;
import org.dab4j.models.classifier.ClassifierConfig;
import org.dab4j.models.classifier.ClassifierModel;
import org.dab4j.models.classifier.ClassifierTask;
import org.dab4j.models.classifier.Estimator;
import org.dab4j.models.data.DatasetNotFoundException;
import org.dab4j.models.data.IdxDatasets;
import org.dab4j.models.data.ImageDataset;
import org.dab4j.models.report.ConsoleProgress;
import org.dab4j.models.report.MetricFormat;
import org.dab4j.models.report.RunOutputs;
import org.dab4j.models.train.Trainer;
import org.dab4j.models.train.TrainingRun;
import org.dab4j.models.train.TrainingSchedule;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dab4j classify}: an image classifier whose hidden activations are hard functions, DAB against straight-through. */
@Command(name = "classify", mixinStandardHelpOptions = true, versionProvider = Dab4jCli.Version.class,
        sortOptions = false, showDefaultValues = true,
        description = {"Trains an image classifier whose hidden activations are hard functions (the paper's "
                + "classification experiment).",
                "mlp: pixels -> 512 -> 512 -> classes; cnn: two blocks of 3x3 convolution (16, 32 channels), activation "
                        + "and 2x2 max pooling, then 128 hidden units. After a convolution a hard function acts across "
                        + "channels at each pixel. Measures test accuracy and test loss; writes result.json, metrics.csv "
                        + "and training.png to --out."})
final class ClassifyCommand implements Callable<Integer> {
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "cnn", description = "The network: mlp or cnn.")
    String model;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "sort",
            description = "Hidden activation: sort, signum (with margin 0.5), topk (larger half kept), round, or the "
                    + "differentiable references tanh and relu.")
    String activation;

    @Option(names = "--estimator", paramLabel = "NAME", defaultValue = "dab",
            description = "How gradients cross a hard activation: dab or ste (straight-through); unused by tanh and relu.")
    String estimator;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = IdxDatasets.FASHION_MNIST,
            description = "The data set's name in results; fashion-mnist is found in its Debian location without --data.")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A folder of MNIST-format IDX files (train-images-idx3-ubyte, ..., plain or .gz). "
                    + "Default for fashion-mnist: /usr/share/datasets/fashion-mnist.")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "2", description = "Passes over the training split.")
    int epochs;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps; overrides --epochs.")
    Integer steps;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "Images per training batch.")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Adam's learning rate (positive).")
    double lr;

    @Option(names = "--gamma", paramLabel = "WEIGHT", defaultValue = "10",
            description = "Weight of the DAB loss (non-negative).")
    double gamma;

    @Option(names = "--approximator-hidden", paramLabel = "N", defaultValue = "256",
            description = "Hidden units of the DAB approximator of a dense layer (the per-pixel one after a "
                    + "convolution has " + ClassifierModel.POSITION_APPROXIMATOR_HIDDEN + ").")
    int approximatorHidden;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed for weights and batch order.")
    long seed;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to train on. Default: -Ddab4j.backend, else DAB4J_BACKEND, else the best available.")
    String backend;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory. Default: runs/classify-<timestamp> under the working directory.")
    Path out;

    @Option(names = "--log-every", paramLabel = "STEPS",
            description = "Steps per row of metrics.csv. Default: steps/200, at least 1.")
    Integer logEvery;

    @Option(names = "--eval-every", paramLabel = "STEPS",
            description = "Steps between evaluations on the test split (always also at the end). Default: steps/5.")
    Integer evalEvery;

    ClassifyCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        validateOptions();
        ImageDataset images = loadData();
        int totalSteps = steps != null ? steps : epochs * ClassifierTask.stepsPerEpoch(images, batch);
        require(totalSteps > 0, "--epochs", epochs, "gives no training step: " + images.train().count()
                + " training images make no full batch of " + batch);
        ClassifierConfig config = new ClassifierConfig(Architecture.parse(model), Activation.parse(activation),
                Estimator.parse(estimator), approximatorHidden, totalSteps, batch, lr, gamma, seed);
        Injector injector = Guice.createInjector(environment.backendModule().apply(backend));
        validateBackend(injector.getInstance(BackendsCommand.PROBES));
        Path dir = out != null ? out : defaultOutput();
        prepareOutput(dir);

        TrainingSchedule schedule = TrainingSchedule.of(totalSteps, logEvery, evalEvery);
        PrintWriter console = spec.commandLine().getOut();
        try (Backend engine = injector.getInstance(Backend.class);
             ClassifierTask task = ClassifierTask.create(engine, images, config)) {
            TrainingRun run = new Trainer(schedule).run(task, ConsoleProgress.forOutput(console, environment.terminal()));
            Map<String, Object> result = result(config, images, schedule, engine, run);
            try {
                RunOutputs.write(dir, result, run.rows(), String.format(Locale.ROOT,
                        "classify: %s, %s, activation %s, estimator %s, seed %d", images.name(), model, activation,
                        config.estimatorName(), seed));
            } catch (IOException e) {
                throw new UncheckedIOException("writing the results to " + dir + " failed: " + SortCommand.describe(e), e);
            }
            console.println(String.format(Locale.ROOT, "classify done: %s  |  %.0f samples/s, %s on %s  |  results in %s",
                    MetricFormat.metrics(run.finalEvaluation()), run.trainSamplesPerSecond(),
                    MetricFormat.seconds(run.wallSeconds()), engine.name(), dir));
            console.flush();
        }
        return 0;
    }

    private void validateOptions() {
        require(Architecture.NAMES.contains(model), "--model", "'" + model + "'",
                "must be one of " + String.join(", ", Architecture.NAMES));
        require(Activation.NAMES.contains(activation), "--activation", "'" + activation + "'",
                "must be one of " + String.join(", ", Activation.NAMES));
        require(Estimator.NAMES.contains(estimator), "--estimator", "'" + estimator + "'",
                "must be one of " + String.join(", ", Estimator.NAMES));
        require(epochs > 0, "--epochs", epochs, "must be positive");
        require(steps == null || steps > 0, "--steps", steps, "must be positive");
        require(batch > 0, "--batch", batch, "must be positive");
        require(lr > 0 && Double.isFinite(lr), "--lr", lr, "must be positive and finite");
        require(gamma >= 0 && Double.isFinite(gamma), "--gamma", gamma, "must be non-negative and finite");
        require(approximatorHidden > 0, "--approximator-hidden", approximatorHidden, "must be positive");
        require(logEvery == null || logEvery > 0, "--log-every", logEvery, "must be positive");
        require(evalEvery == null || evalEvery > 0, "--eval-every", evalEvery, "must be positive");
    }

    /**
     * Reads the data set: a missing folder or file named by {@code --data} is invalid input; a missing default
     * data set, or a corrupt file, is an error that says what is wrong and how to get the data.
     */
    private ImageDataset loadData() {
        Path dir = data != null ? data : IdxDatasets.defaultLocation(dataset);
        if (dir == null) {
            throw invalid("--dataset", "'" + dataset + "'", "has no default location; pass --data DIR with its IDX files");
        }
        try {
            return IdxDatasets.load(dataset, dir);
        } catch (DatasetNotFoundException e) {
            if (data != null) {
                throw invalid("--data", data, e.getMessage());
            }
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dataset + " failed: " + SortCommand.describe(e), e);
        }
    }

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
            throw invalid("--out", dir, "cannot write there: " + SortCommand.describe(e));
        }
    }

    private Path defaultOutput() {
        String base = "classify-" + LocalDateTime.now(environment.clock()).format(RUN_STAMP);
        Path dir = Path.of("runs", base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = Path.of("runs", base + "-" + n);
        }
        return dir;
    }

    private Map<String, Object> result(ClassifierConfig config, ImageDataset images, TrainingSchedule schedule,
                                       Backend engine, TrainingRun run) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("experiment", "classify");
        result.put("dataset", images.name());
        result.put("data", images.dir().toString());
        result.put("model", config.architecture().cliName());
        result.put("activation", config.activation().cliName());
        result.put("estimator", config.estimatorName());
        if (config.activation().isHard() && config.estimator() == Estimator.DAB) {
            result.put("approximator_hidden", config.approximatorHidden());
            result.put("gamma", config.gamma());
        }
        result.put("steps", config.steps());
        result.put("epochs", (double) config.steps() / ClassifierTask.stepsPerEpoch(images, config.batch()));
        result.put("batch", config.batch());
        result.put("lr", config.lr());
        result.put("seed", config.seed());
        result.put("log_every", schedule.logEvery());
        result.put("eval_every", schedule.evalEvery());
        result.put("backend", engine.name());
        result.put("backend_device", engine.description());
        putMetrics(result, run.finalEvaluation());
        putMetrics(result, run.finalTraining());
        result.put("train_samples_per_second", run.trainSamplesPerSecond());
        result.put("wall_seconds", run.wallSeconds());
        return result;
    }

    private static void putMetrics(Map<String, Object> result, Map<String, Double> metrics) {
        metrics.forEach((name, value) -> {
            if (result.putIfAbsent(name, value) != null) {
                throw new IllegalStateException("the classifier's metric '" + name + "' clashes with a result.json field");
            }
        });
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
}
