package org.dab4j.models.cli;

import org.dab4j.models.autoencoder.AutoencoderConfig;
import org.dab4j.models.autoencoder.AutoencoderTask;
import org.dab4j.models.autoencoder.CodeLayout;
import org.dab4j.models.autoencoder.CodeType;
import org.dab4j.models.autoencoder.Estimator;
import org.dab4j.models.data.IdxDatasets;
import org.dab4j.models.data.ImageDataset;
import org.dab4j.models.train.TrainingRun;
import org.dab4j.models.train.TrainingSchedule;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.UnaryOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code dab4j autoencoder}: a discrete-latent autoencoder on an image data set, one bottleneck and estimator per run. */
@Command(name = "autoencoder", mixinStandardHelpOptions = true, versionProvider = Dab4jCli.Version.class,
        sortOptions = false, showDefaultValues = true,
        description = {"Trains an autoencoder with a discrete bottleneck on images (the paper's autoencoder experiment).",
                "MLP encoder pixels -> H -> H -> code logits, a hard code crossed by the chosen estimator, MLP decoder "
                        + "-> H -> H -> pixel logits with a Bernoulli likelihood. Measures the test reconstruction loss "
                        + "(nats per image), code usage, and the accuracy of a logistic-regression probe on the frozen "
                        + "codes. Writes result.json, metrics.csv, training.png and " + AutoencoderCommand.GRID
                        + " to --out."})
final class AutoencoderCommand implements Callable<Integer> {
    static final String GRID = "reconstructions.png";
    private static final int GRID_IMAGES = 48;
    private static final int GRID_PER_ROW = 12;

    private final CliEnvironment environment;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = IdxDatasets.FASHION_MNIST,
            description = "The data set's name in results; fashion-mnist is found in its Debian location without --data.")
    String dataset;

    @Mixin
    ImageDataOptions data;

    @Option(names = "--code", paramLabel = "TYPE", defaultValue = "onehot",
            description = "The bottleneck: onehot (groups of categories), binary (sign), ternary (signum with margin 0.5), "
                    + "topk (k-hot mask) or kmeans (nearest codeword).")
    String code;

    @Option(names = "--estimator", paramLabel = "NAME", defaultValue = "dab",
            description = "How gradients cross the bottleneck: dab, ste (straight-through), gumbel (Gumbel-Softmax) or "
                    + "gumbel-st (straight-through Gumbel-Softmax); the gumbel ones need --code onehot.")
    String estimator;

    @Option(names = "--groups", paramLabel = "N", defaultValue = "30",
            description = "Groups of a onehot or kmeans code.")
    int groups;

    @Option(names = "--categories", paramLabel = "N", defaultValue = "10",
            description = "Categories per group (onehot) or codewords (kmeans).")
    int categories;

    @Option(names = "--units", paramLabel = "N",
            description = "Units of a binary, ternary or topk code. Default: 100, 63 and 200 (about 100 bits each).")
    Integer units;

    @Option(names = "--k", paramLabel = "N", defaultValue = "23",
            description = "Units on in a topk code (23 of 200 is 99.5 bits).")
    int k;

    @Option(names = "--code-dim", paramLabel = "N", defaultValue = "8", description = "Values per group of a kmeans code.")
    int codeDim;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "512", description = "Units per hidden layer.")
    int hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Activation of the hidden layers: relu or tanh.")
    String activation;

    @Option(names = "--approximator", paramLabel = "KIND",
            description = "The DAB approximator: dense (code width -> N -> code width) or grouped (one group width -> N -> "
                    + "group width network shared by all groups; onehot and kmeans). Default: grouped for onehot and "
                    + "kmeans, dense for the others.")
    String approximator;

    @Option(names = "--approximator-hidden", paramLabel = "N",
            description = "Hidden units of the DAB approximator. Default: 64 for grouped, 256 for dense.")
    Integer approximatorHidden;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the training split.")
    int epochs;

    @Option(names = "--steps", paramLabel = "N",
            description = "Training steps; overrides --epochs.")
    Integer steps;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "Images per training batch.")
    int batch;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "Adam's learning rate (positive).")
    double lr;

    @Option(names = "--gamma", paramLabel = "WEIGHT", defaultValue = "10",
            description = "Weight of the DAB loss (non-negative).")
    double gamma;

    @Option(names = "--tau-start", paramLabel = "T", defaultValue = "1.0",
            description = "Gumbel-Softmax temperature at the first step.")
    double tauStart;

    @Option(names = "--tau-min", paramLabel = "T", defaultValue = "0.5",
            description = "Gumbel-Softmax temperature at the last step (exponential annealing).")
    double tauMin;

    @Option(names = "--probe-epochs", paramLabel = "N", defaultValue = "10",
            description = "Epochs of the logistic-regression probe on the frozen training codes.")
    int probeEpochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed for weights, batch order, noise and probe.")
    long seed;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--eval-every", paramLabel = "STEPS",
            description = "Steps between evaluations on the test split (always also at the end). Default: one epoch.")
    Integer evalEvery;

    AutoencoderCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        CodeLayout layout = validatedLayout();
        ImageDataset images = data.load(experiment, dataset);
        int stepsPerEpoch = AutoencoderTask.stepsPerEpoch(images, batch);
        experiment.require(stepsPerEpoch > 0, "--batch", batch, "exceeds the " + images.train().count() + " training images");
        experiment.require(steps != null || (long) epochs * stepsPerEpoch <= Integer.MAX_VALUE, "--epochs", epochs,
                "makes more than " + Integer.MAX_VALUE + " steps");
        int totalSteps = steps != null ? steps : epochs * stepsPerEpoch;
        AutoencoderConfig config = new AutoencoderConfig(layout, Estimator.parse(estimator), hidden,
                UnaryOp.valueOf(activation.toUpperCase(Locale.ROOT)), grouped(layout),
                approximatorHidden != null ? approximatorHidden : grouped(layout) ? 64 : 256, totalSteps, batch, lr, gamma,
                tauStart, tauMin, probeEpochs, seed);
        ExperimentRun run = experiment.start(environment, "the autoencoder's");
        TrainingSchedule schedule = TrainingSchedule.of(totalSteps, experiment.logEvery,
                evalEvery != null ? evalEvery : Math.min(stepsPerEpoch, totalSteps));
        try (Backend engine = run.openBackend();
             AutoencoderTask task = AutoencoderTask.create(engine, images, config)) {
            TrainingRun trained = run.train(schedule, task);
            run.say("fitting the linear probe on the frozen codes of " + images.train().count()
                    + " training images (" + probeEpochs + " epochs) ...");
            long probeStart = System.nanoTime();
            Map<String, Double> probe = task.probe();
            double probeSeconds = (System.nanoTime() - probeStart) / 1e9;
            Map<String, Object> result = result(run, config, images, schedule, engine, trained, probe, probeSeconds);
            run.write(result, trained, String.format(Locale.ROOT,
                    "autoencoder: %s, code %s (%.1f bits), estimator %s, seed %d", images.name(), code,
                    layout.bits(), estimator, seed), Map.of(GRID, task.reconstructionGrid(GRID_IMAGES, GRID_PER_ROW)));
            Map<String, Double> key = new LinkedHashMap<>(trained.finalEvaluation());
            key.putAll(probe);
            run.summarize(key, trained, trained.wallSeconds() + probeSeconds, engine);
        }
        return 0;
    }

    private CodeLayout validatedLayout() {
        experiment.require(CodeType.NAMES.contains(code), "--code", "'" + code + "'", "must be one of " + String.join(", ", CodeType.NAMES));
        experiment.require(Estimator.NAMES.contains(estimator), "--estimator", "'" + estimator + "'",
                "must be one of " + String.join(", ", Estimator.NAMES));
        CodeType type = CodeType.parse(code);
        experiment.require(!Estimator.parse(estimator).isGumbel() || type == CodeType.ONEHOT, "--estimator", estimator,
                "samples categories, so it needs --code onehot");
        experiment.require(groups > 0, "--groups", groups, "must be positive");
        experiment.require(categories >= 2, "--categories", categories, "must be at least 2");
        experiment.require(units == null || units > 0, "--units", units, "must be positive");
        experiment.require(codeDim > 0, "--code-dim", codeDim, "must be positive");
        int unitCount = units != null ? units : switch (type) {
            case TERNARY -> 63;
            case TOPK -> 200;
            default -> 100;
        };
        experiment.require(type != CodeType.TOPK || (k >= 1 && k < unitCount), "--k", k, "must lie in [1, units) = [1, " + unitCount + ")");
        experiment.require(hidden > 0, "--hidden", hidden, "must be positive");
        experiment.require(List.of("relu", "tanh").contains(activation), "--activation", "'" + activation + "'", "must be relu or tanh");
        experiment.require(approximator == null || List.of("dense", "grouped").contains(approximator), "--approximator",
                "'" + approximator + "'", "must be dense or grouped");
        experiment.require(!"grouped".equals(approximator) || isGrouped(type), "--approximator", approximator,
                "needs a grouped code: onehot or kmeans");
        experiment.require(approximatorHidden == null || approximatorHidden > 0, "--approximator-hidden", approximatorHidden, "must be positive");
        experiment.require(epochs > 0, "--epochs", epochs, "must be positive");
        experiment.require(steps == null || steps > 0, "--steps", steps, "must be positive");
        experiment.require(batch > 0, "--batch", batch, "must be positive");
        experiment.require(lr > 0 && Double.isFinite(lr), "--lr", lr, "must be positive and finite");
        experiment.require(gamma >= 0 && Double.isFinite(gamma), "--gamma", gamma, "must be non-negative and finite");
        experiment.require(tauMin > 0 && Double.isFinite(tauMin), "--tau-min", tauMin, "must be positive and finite");
        experiment.require(tauStart >= tauMin && Double.isFinite(tauStart), "--tau-start", tauStart, "must be finite and at least --tau-min");
        experiment.require(probeEpochs > 0, "--probe-epochs", probeEpochs, "must be positive");
        experiment.requireSchedule(evalEvery);
        return CodeLayout.of(type, groups, categories, unitCount, k, codeDim);
    }

    private static boolean isGrouped(CodeType type) {
        return type == CodeType.ONEHOT || type == CodeType.KMEANS;
    }

    /** The approximator kind: as asked, else grouped for the codes made of groups. */
    private boolean grouped(CodeLayout layout) {
        return approximator != null ? approximator.equals("grouped") : isGrouped(layout.type());
    }

    private static Map<String, Object> result(ExperimentRun run, AutoencoderConfig config, ImageDataset images,
                                              TrainingSchedule schedule, Backend engine, TrainingRun trained,
                                              Map<String, Double> probe, double probeSeconds) {
        CodeLayout layout = config.layout();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("experiment", "autoencoder");
        result.put("dataset", images.name());
        result.put("data", images.dir().toString());
        result.put("code", layout.type().cliName());
        result.put("estimator", config.estimator().cliName());
        result.put("code_width", layout.width());
        result.put("code_groups", layout.groups());
        result.put("code_alphabet", layout.alphabet());
        if (layout.type() == CodeType.TOPK) {
            result.put("code_k", layout.active());
        }
        if (layout.type() == CodeType.KMEANS) {
            result.put("code_dim", layout.groupWidth());
        }
        result.put("code_bits", layout.bits());
        result.put("hidden", config.hidden());
        result.put("activation", config.activation().name().toLowerCase(Locale.ROOT));
        if (config.estimator() == Estimator.DAB) {
            result.put("approximator", config.groupedApproximator() ? "grouped" : "dense");
            result.put("approximator_hidden", config.approximatorHidden());
            result.put("gamma", config.gamma());
        }
        if (config.estimator().isGumbel()) {
            result.put("tau_start", config.tauStart());
            result.put("tau_min", config.tauMin());
        }
        result.put("steps", config.steps());
        result.put("epochs", (double) config.steps() / AutoencoderTask.stepsPerEpoch(images, config.batch()));
        result.put("batch", config.batch());
        result.put("lr", config.lr());
        result.put("probe_epochs", config.probeEpochs());
        result.put("seed", config.seed());
        ExperimentRun.putScheduleAndBackend(result, schedule, engine);
        run.putMetrics(result, trained.finalEvaluation());
        run.putMetrics(result, probe);
        run.putMetrics(result, trained.finalTraining());
        result.put("train_samples_per_second", trained.trainSamplesPerSecond());
        result.put("probe_seconds", probeSeconds);
        result.put("wall_seconds", trained.wallSeconds() + probeSeconds);
        return result;
    }
}
