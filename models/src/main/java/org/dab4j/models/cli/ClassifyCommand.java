package org.dab4j.models.cli;

import org.dab4j.models.classifier.Activation;
import org.dab4j.models.classifier.Architecture;
import org.dab4j.models.classifier.ClassifierConfig;
import org.dab4j.models.classifier.ClassifierModel;
import org.dab4j.models.classifier.ClassifierTask;
import org.dab4j.models.classifier.Estimator;
import org.dab4j.models.data.IdxDatasets;
import org.dab4j.models.data.ImageDataset;
import org.dab4j.models.train.TrainingRun;
import org.dab4j.models.train.TrainingSchedule;
import org.dab4j.tensor.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
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

    private final CliEnvironment environment;

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

    @Mixin
    ImageDataOptions data;

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

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--eval-every", paramLabel = "STEPS",
            description = "Steps between evaluations on the test split (always also at the end). Default: steps/5.")
    Integer evalEvery;

    ClassifyCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        validateOptions();
        ImageDataset images = data.load(experiment, dataset);
        int totalSteps = steps != null ? steps : epochs * ClassifierTask.stepsPerEpoch(images, batch);
        experiment.require(totalSteps > 0, "--epochs", epochs, "gives no training step: " + images.train().count()
                + " training images make no full batch of " + batch);
        ClassifierConfig config = new ClassifierConfig(Architecture.parse(model), Activation.parse(activation),
                Estimator.parse(estimator), approximatorHidden, totalSteps, batch, lr, gamma, seed);
        ExperimentRun run = experiment.start(environment, "the classifier's");
        TrainingSchedule schedule = TrainingSchedule.of(totalSteps, experiment.logEvery, evalEvery);
        try (Backend engine = run.openBackend();
             ClassifierTask task = ClassifierTask.create(engine, images, config)) {
            TrainingRun trained = run.train(schedule, task);
            run.write(result(run, config, images, schedule, engine, trained), trained, String.format(Locale.ROOT,
                    "classify: %s, %s, activation %s, estimator %s, seed %d", images.name(), model, activation,
                    config.estimatorName(), seed), Map.of());
            run.summarize(trained.finalEvaluation(), trained, trained.wallSeconds(), engine);
        }
        return 0;
    }

    private void validateOptions() {
        experiment.require(Architecture.NAMES.contains(model), "--model", "'" + model + "'",
                "must be one of " + String.join(", ", Architecture.NAMES));
        experiment.require(Activation.NAMES.contains(activation), "--activation", "'" + activation + "'",
                "must be one of " + String.join(", ", Activation.NAMES));
        experiment.require(Estimator.NAMES.contains(estimator), "--estimator", "'" + estimator + "'",
                "must be one of " + String.join(", ", Estimator.NAMES));
        experiment.require(epochs > 0, "--epochs", epochs, "must be positive");
        experiment.require(steps == null || steps > 0, "--steps", steps, "must be positive");
        experiment.require(batch > 0, "--batch", batch, "must be positive");
        experiment.require(lr > 0 && Double.isFinite(lr), "--lr", lr, "must be positive and finite");
        experiment.require(gamma >= 0 && Double.isFinite(gamma), "--gamma", gamma, "must be non-negative and finite");
        experiment.require(approximatorHidden > 0, "--approximator-hidden", approximatorHidden, "must be positive");
        experiment.requireSchedule(evalEvery);
    }

    private static Map<String, Object> result(ExperimentRun run, ClassifierConfig config, ImageDataset images,
                                              TrainingSchedule schedule, Backend engine, TrainingRun trained) {
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
        ExperimentRun.putScheduleAndBackend(result, schedule, engine);
        run.putMetrics(result, trained.finalEvaluation());
        run.putMetrics(result, trained.finalTraining());
        result.put("train_samples_per_second", trained.trainSamplesPerSecond());
        result.put("wall_seconds", trained.wallSeconds());
        return result;
    }
}
