package org.dab4j.models.cli;

import org.dab4j.models.data.IdxDatasets;
import org.dab4j.models.data.ImageDataset;
import org.dab4j.models.train.TrainingRun;
import org.dab4j.models.train.TrainingSchedule;
import org.dab4j.models.vae.Binarization;
import org.dab4j.models.vae.VaeArchitecture;
import org.dab4j.models.vae.VaeConfig;
import org.dab4j.models.vae.VaeEstimator;
import org.dab4j.models.vae.VaeTask;
import org.dab4j.tensor.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
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

    private final CliEnvironment environment;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "linear",
            description = "linear (one linear map each way) or nonlinear (two 200-unit tanh layers each side).")
    String model;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = IdxDatasets.FASHION_MNIST,
            description = "The data set's name in results; fashion-mnist is found in its Debian location without --data "
                    + "(for MNIST pass --dataset mnist --data DIR).")
    String dataset;

    @Mixin
    ImageDataOptions data;

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

    @Option(names = "--grad-variance-repeats", paramLabel = "N", defaultValue = "100",
            description = "After training, the encoder's gradient is computed N times on one fixed test batch with "
                    + "fresh latent noise; result.json gets its variance summed over weights (0: skip).")
    int gradVarianceRepeats;

    @Option(names = "--test-binarization-seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the one fixed binarization of the test images; keep it equal across runs you compare.")
    long testBinarizationSeed;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed for weights, batches, their binarization and the latent noise.")
    long seed;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--eval-every", paramLabel = "STEPS",
            description = "Steps between evaluations of the test ELBO (always also at the end). Default: steps/5.")
    Integer evalEvery;

    VaeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VaeConfig config = validatedConfig();
        ImageDataset images = data.load(experiment, dataset);
        experiment.require(batch <= images.train().count(), "--batch", batch,
                "exceeds the " + images.train().count() + " training images");
        ExperimentRun run = experiment.start(environment, "the VAE's");
        TrainingSchedule schedule = TrainingSchedule.of(steps, experiment.logEvery, evalEvery);
        run.say("binarization: " + Binarization.describe(testBinarizationSeed));
        try (Backend engine = run.openBackend(); VaeTask task = VaeTask.create(engine, images, config)) {
            TrainingRun trained = run.train(schedule, task);
            int iwCount = iwImages != null ? Math.min(iwImages, images.test().count()) : images.test().count();
            run.say("importance-weighted log p(x) with k = " + iwSamples + " on " + iwCount + " test images ...");
            long iwStart = System.nanoTime();
            double logLikelihood = task.importanceWeighted(iwCount);
            double iwSeconds = (System.nanoTime() - iwStart) / 1e9;
            Map<String, Double> finalMetrics = new LinkedHashMap<>(trained.finalEvaluation());
            finalMetrics.put("test_iw_log_likelihood", logLikelihood);
            finalMetrics.put("test_pixel_marginal_log_likelihood", task.pixelMarginalLogLikelihood());
            if (gradVarianceRepeats > 0) {
                run.say("encoder gradient variance over " + gradVarianceRepeats + " noise draws on one test batch ...");
                finalMetrics.putAll(task.encoderGradientStatistics(gradVarianceRepeats));
            }
            Map<String, Object> result = result(run, config, images, schedule, engine, trained, finalMetrics, iwCount,
                    iwSeconds);
            result.put("grad_variance_repeats", gradVarianceRepeats);
            Map<String, byte[]> grids = new LinkedHashMap<>();
            grids.put(RECONSTRUCTIONS, task.reconstructionGrid(GRID_IMAGES, GRID_PER_ROW));
            grids.put(SAMPLES, task.priorSamplesGrid(GRID_IMAGES, GRID_PER_ROW));
            run.write(result, trained, String.format(Locale.ROOT,
                    "vae: %s, %s model, %d Bernoulli latents, estimator %s, seed %d", images.name(), model, latents,
                    estimator, seed), grids);
            run.summarize(finalMetrics, trained, trained.wallSeconds() + iwSeconds, engine);
        }
        return 0;
    }

    private VaeConfig validatedConfig() {
        experiment.require(VaeArchitecture.NAMES.contains(model), "--model", "'" + model + "'",
                "must be one of " + String.join(", ", VaeArchitecture.NAMES));
        experiment.require(VaeEstimator.NAMES.contains(estimator), "--estimator", "'" + estimator + "'",
                "must be one of " + String.join(", ", VaeEstimator.NAMES));
        experiment.require(latents > 0, "--latents", latents, "must be positive");
        experiment.require(hidden > 0, "--hidden", hidden, "must be positive");
        experiment.require(approximatorHidden > 0, "--approximator-hidden", approximatorHidden, "must be positive");
        experiment.require(steps > 0, "--steps", steps, "must be positive");
        experiment.require(batch > 0, "--batch", batch, "must be positive");
        experiment.require(lr > 0 && Double.isFinite(lr), "--lr", lr, "must be positive and finite");
        experiment.require(gamma >= 0 && Double.isFinite(gamma), "--gamma", gamma, "must be non-negative and finite");
        experiment.require(tauMin > 0 && Double.isFinite(tauMin), "--tau-min", tauMin, "must be positive and finite");
        experiment.require(tauStart >= tauMin && Double.isFinite(tauStart), "--tau-start", tauStart, "must be finite and at least --tau-min");
        experiment.require(baselineDecay >= 0 && baselineDecay < 1, "--baseline-decay", baselineDecay, "must be in [0, 1)");
        experiment.require(evalSamples > 0, "--eval-samples", evalSamples, "must be positive");
        experiment.require(iwSamples > 0, "--iw-samples", iwSamples, "must be positive");
        experiment.require(iwImages == null || iwImages > 0, "--iw-images", iwImages, "must be positive");
        experiment.require(gradVarianceRepeats == 0 || gradVarianceRepeats >= 2, "--grad-variance-repeats",
                gradVarianceRepeats, "must be 0 (skip) or at least 2");
        experiment.requireSchedule(evalEvery);
        return new VaeConfig(VaeArchitecture.parse(model), VaeEstimator.parse(estimator), latents, hidden,
                approximatorHidden, steps, batch, lr, gamma, tauStart, tauMin, baselineDecay, evalSamples, iwSamples,
                testBinarizationSeed, seed);
    }

    private static Map<String, Object> result(ExperimentRun run, VaeConfig config, ImageDataset images,
                                              TrainingSchedule schedule, Backend engine, TrainingRun trained,
                                              Map<String, Double> finalMetrics, int iwCount, double iwSeconds) {
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
        ExperimentRun.putScheduleAndBackend(result, schedule, engine);
        run.putMetrics(result, finalMetrics);
        run.putMetrics(result, trained.finalTraining());
        result.put("train_samples_per_second", trained.trainSamplesPerSecond());
        result.put("iw_seconds", iwSeconds);
        result.put("wall_seconds", trained.wallSeconds() + iwSeconds);
        return result;
    }
}
