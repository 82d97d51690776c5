package org.dab4j.models.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.dab4j.models.data.DatasetNotFoundException;
import org.dab4j.models.data.IdxDatasets;
import org.dab4j.models.data.ImageDataset;
import org.dab4j.models.report.AtomicFiles;
import org.dab4j.models.report.ConsoleProgress;
import org.dab4j.models.report.MetricFormat;
import org.dab4j.models.report.RunOutputs;
import org.dab4j.models.train.Trainer;
import org.dab4j.models.train.TrainingRun;
import org.dab4j.models.train.TrainingSchedule;
import org.dab4j.models.vae.Binarization;
import org.dab4j.models.vae.VaeArchitecture;
import org.dab4j.models.vae.VaeConfig;
import org.dab4j.models.vae.VaeEstimator;
import org.dab4j.models.vae.VaeTask;
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

/** {@code dab4j vae}: a VAE with Bernoulli latents on binarized images, one estimator per run. */
@Command(name = "vae", mixinStandardHelpOptions = true, versionProvider = Dab4jCli.Version.class,
        sortOptions = false, showDefaultValues = true,
        description = {"Trains a VAE with one layer of Bernoulli latents on binarized images (the paper's density-estimation "
                + "experiment, the REBAR/RELAX benchmark): a linear or nonlinear (two tanh layers each side) encoder and "
                + "decoder, a Bernoulli(1/2) prior with the KL term in closed form, and the chosen gradient estimator. "
                + "Measures the test ELBO and, for the final model, an importance-weighted estimate of log p(x) (nats "
                + "per image), beside the pixel-marginal baseline. Writes result.json, metrics.csv, training.png, "
                + VaeCommand.RECONSTRUCTIONS + " and " + VaeCommand.SAMPLES + " to --out."})
final class VaeCommand implements Callable<Integer> {
    static final String RECONSTRUCTIONS = "reconstructions.png";
    static final String SAMPLES = "samples.png";
    private static final int GRID_IMAGES = 48;
    private static final int GRID_PER_ROW = 12;
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "linear",
            description = "linear (one linear map each way) or nonlinear (two 200-unit tanh layers each side).")
    String model;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = IdxDatasets.FASHION_MNIST,
            description = "The data set's name in results; fashion-mnist is found in its Debian location without --data "
                    + "(for MNIST pass --dataset mnist --data DIR).")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A folder of MNIST-format IDX files (train-images-idx3-ubyte, ..., plain or .gz). "
                    + "Default for fashion-mnist: /usr/share/datasets/fashion-mnist.")
    Path data;

    @Option(names = "--estimator", paramLabel = "NAME", defaultValue = "dab",
            description = "How gradients cross the Bernoulli latents: dab, gumbel (relaxed binary concrete), gumbel-st "
                    + "(straight-through binary concrete), ste (straight-through) or reinforce (moving-average baseline).")
    String estimator;

    @Option(names = "--latents", paramLabel = "N", defaultValue = "200", description = "Bernoulli latent units.")
    int latents;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "200",
            description = "Units of each tanh layer of the nonlinear model.")
    int hidden;

    @Option(names = "--approximator-hidden", paramLabel = "N", defaultValue = "16",
            description = "Units of each of the two hidden layers of the DAB approximator (1 -> N -> N -> 1, shared by all latents).")
    int approximatorHidden;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "12000",
            description = "Training steps (12,000 x 100 images = 20 epochs of Fashion-MNIST).")
    int steps;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "Images per training batch.")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Adam's learning rate (positive).")
    double lr;

    @Option(names = "--gamma", paramLabel = "WEIGHT", defaultValue = "10", description = "Weight of the DAB loss (non-negative).")
    double gamma;

    @Option(names = "--tau-start", paramLabel = "T", defaultValue = "1.0",
            description = "Binary concrete temperature at the first step.")
    double tauStart;

    @Option(names = "--tau-min", paramLabel = "T", defaultValue = "0.5",
            description = "Binary concrete temperature at the last step (exponential annealing).")
    double tauMin;

    @Option(names = "--baseline-decay", paramLabel = "D", defaultValue = "0.95",
            description = "Decay of REINFORCE's moving-average baseline per step, in [0, 1).")
    double baselineDecay;

    @Option(names = "--eval-samples", paramLabel = "N", defaultValue = "5",
            description = "Latent samples per test image for the test ELBO.")
    int evalSamples;

    @Option(names = "--iw-samples", paramLabel = "K", defaultValue = "100",
            description = "Importance samples per test image for the final log p(x) estimate.")
    int iwSamples;

    @Option(names = "--iw-images", paramLabel = "N",
            description = "Test images (the first N) for the importance-weighted estimate. Default: all.")
    Integer iwImages;

    @Option(names = "--test-binarization-seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the one fixed binarization of the test images; keep it equal across runs you compare.")
    long testBinarizationSeed;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed for weights, batches, their binarization and the latent noise.")
    long seed;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to train on. Default: -Ddab4j.backend, else DAB4J_BACKEND, else the best available.")
    String backend;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory. Default: runs/vae-<timestamp> under the working directory.")
    Path out;

    @Option(names = "--log-every", paramLabel = "STEPS",
            description = "Steps per row of metrics.csv. Default: steps/200, at least 1.")
    Integer logEvery;

    @Option(names = "--eval-every", paramLabel = "STEPS",
            description = "Steps between evaluations of the test ELBO (always also at the end). Default: steps/5.")
    Integer evalEvery;

    VaeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VaeConfig config = validatedConfig();
        ImageDataset images = loadData();
        require(batch <= images.train().count(), "--batch", batch, "exceeds the " + images.train().count() + " training images");
        Injector injector = Guice.createInjector(environment.backendModule().apply(backend));
        validateBackend(injector.getInstance(BackendsCommand.PROBES));
        Path dir = out != null ? out : defaultOutput();
        prepareOutput(dir);

        TrainingSchedule schedule = TrainingSchedule.of(steps, logEvery, evalEvery);
        PrintWriter console = spec.commandLine().getOut();
        console.println("binarization: " + Binarization.describe(testBinarizationSeed));
        console.flush();
        try (Backend engine = injector.getInstance(Backend.class); VaeTask task = VaeTask.create(engine, images, config)) {
            TrainingRun run = new Trainer(schedule).run(task, ConsoleProgress.forOutput(console, environment.terminal()));
            int iwCount = iwImages != null ? Math.min(iwImages, images.test().count()) : images.test().count();
            console.println("importance-weighted log p(x) with k = " + iwSamples + " on " + iwCount + " test images ...");
            console.flush();
            long iwStart = System.nanoTime();
            double logLikelihood = task.importanceWeighted(iwCount);
            double iwSeconds = (System.nanoTime() - iwStart) / 1e9;
            Map<String, Double> finalMetrics = new LinkedHashMap<>(run.finalEvaluation());
            finalMetrics.put("test_iw_log_likelihood", logLikelihood);
            finalMetrics.put("test_pixel_marginal_log_likelihood", task.pixelMarginalLogLikelihood());
            Map<String, Object> result = result(config, images, schedule, engine, run, finalMetrics, iwCount, iwSeconds);
            try {
                AtomicFiles.writeBytes(dir.resolve(RECONSTRUCTIONS), task.reconstructionGrid(GRID_IMAGES, GRID_PER_ROW));
                AtomicFiles.writeBytes(dir.resolve(SAMPLES), task.priorSamplesGrid(GRID_IMAGES, GRID_PER_ROW));
                RunOutputs.write(dir, result, run.rows(), String.format(Locale.ROOT,
                        "vae: %s, %s model, %d Bernoulli latents, estimator %s, seed %d", images.name(), model, latents,
                        estimator, seed));
            } catch (IOException e) {
                throw new UncheckedIOException("writing the results to " + dir + " failed: " + SortCommand.describe(e), e);
            }
            console.println(String.format(Locale.ROOT, "vae done: %s  |  %.0f samples/s, %s on %s  |  results in %s",
                    MetricFormat.metrics(finalMetrics), run.trainSamplesPerSecond(),
                    MetricFormat.seconds(run.wallSeconds() + iwSeconds), engine.name(), dir));
            console.flush();
        }
        return 0;
    }

    private VaeConfig validatedConfig() {
        require(VaeArchitecture.NAMES.contains(model), "--model", "'" + model + "'",
                "must be one of " + String.join(", ", VaeArchitecture.NAMES));
        require(VaeEstimator.NAMES.contains(estimator), "--estimator", "'" + estimator + "'",
                "must be one of " + String.join(", ", VaeEstimator.NAMES));
        require(latents > 0, "--latents", latents, "must be positive");
        require(hidden > 0, "--hidden", hidden, "must be positive");
        require(approximatorHidden > 0, "--approximator-hidden", approximatorHidden, "must be positive");
        require(steps > 0, "--steps", steps, "must be positive");
        require(batch > 0, "--batch", batch, "must be positive");
        require(lr > 0 && Double.isFinite(lr), "--lr", lr, "must be positive and finite");
        require(gamma >= 0 && Double.isFinite(gamma), "--gamma", gamma, "must be non-negative and finite");
        require(tauMin > 0 && Double.isFinite(tauMin), "--tau-min", tauMin, "must be positive and finite");
        require(tauStart >= tauMin && Double.isFinite(tauStart), "--tau-start", tauStart, "must be finite and at least --tau-min");
        require(baselineDecay >= 0 && baselineDecay < 1, "--baseline-decay", baselineDecay, "must be in [0, 1)");
        require(evalSamples > 0, "--eval-samples", evalSamples, "must be positive");
        require(iwSamples > 0, "--iw-samples", iwSamples, "must be positive");
        require(iwImages == null || iwImages > 0, "--iw-images", iwImages, "must be positive");
        require(logEvery == null || logEvery > 0, "--log-every", logEvery, "must be positive");
        require(evalEvery == null || evalEvery > 0, "--eval-every", evalEvery, "must be positive");
        return new VaeConfig(VaeArchitecture.parse(model), VaeEstimator.parse(estimator), latents, hidden,
                approximatorHidden, steps, batch, lr, gamma, tauStart, tauMin, baselineDecay, evalSamples, iwSamples,
                testBinarizationSeed, seed);
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
        String base = "vae-" + LocalDateTime.now(environment.clock()).format(RUN_STAMP);
        Path dir = Path.of("runs", base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = Path.of("runs", base + "-" + n);
        }
        return dir;
    }

    private Map<String, Object> result(VaeConfig config, ImageDataset images, TrainingSchedule schedule, Backend engine,
                                       TrainingRun run, Map<String, Double> finalMetrics, int iwCount, double iwSeconds) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("experiment", "vae");
        result.put("dataset", images.name());
        result.put("data", images.dir().toString());
        result.put("binarization", Binarization.describe(config.testBinarizationSeed()));
        result.put("model", config.architecture().cliName());
        result.put("estimator", config.estimator().cliName());
        result.put("latents", config.latents());
        if (config.architecture() == VaeArchitecture.NONLINEAR) {
            result.put("hidden", config.hidden());
        }
        if (config.estimator() == VaeEstimator.DAB) {
            result.put("approximator", "elementwise 1-" + config.approximatorHidden() + "-" + config.approximatorHidden()
                    + "-1 tanh on the perturbed logits");
            result.put("gamma", config.gamma());
        }
        if (config.estimator().isConcrete()) {
            result.put("tau_start", config.tauStart());
            result.put("tau_min", config.tauMin());
        }
        if (config.estimator() == VaeEstimator.REINFORCE) {
            result.put("baseline_decay", config.baselineDecay());
        }
        result.put("steps", config.steps());
        result.put("epochs", (double) config.steps() * config.batch() / images.train().count());
        result.put("batch", config.batch());
        result.put("lr", config.lr());
        result.put("eval_samples", config.evalSamples());
        result.put("iw_samples", config.iwSamples());
        result.put("iw_images", iwCount);
        result.put("seed", config.seed());
        result.put("log_every", schedule.logEvery());
        result.put("eval_every", schedule.evalEvery());
        result.put("backend", engine.name());
        result.put("backend_device", engine.description());
        putMetrics(result, finalMetrics);
        putMetrics(result, run.finalTraining());
        result.put("train_samples_per_second", run.trainSamplesPerSecond());
        result.put("iw_seconds", iwSeconds);
        result.put("wall_seconds", run.wallSeconds() + iwSeconds);
        return result;
    }

    private static void putMetrics(Map<String, Object> result, Map<String, Double> metrics) {
        metrics.forEach((name, value) -> {
            if (result.putIfAbsent(name, value) != null) {
                throw new IllegalStateException("the VAE's metric '" + name + "' clashes with a result.json field");
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
