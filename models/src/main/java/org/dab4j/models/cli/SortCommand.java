package org.dab4j.models.cli;

import org.dab4j.models.sort.SortConfig;
import org.dab4j.models.train.TrainingRun;
import org.dab4j.models.train.TrainingSchedule;
import org.dab4j.models.train.TrainingTask;
import org.dab4j.tensor.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    private final CliEnvironment environment;

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

    @Mixin
    ExperimentOptions experiment;

    @Option(names = "--eval-every", paramLabel = "STEPS",
            description = "Steps between evaluations on the test set (always also at the end). Default: steps/5.")
    Integer evalEvery;

    SortCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        validateNumbers();
        ExperimentRun run = experiment.start(environment, "the sort task's");
        SortConfig config = new SortConfig(length, estimator, steps, batch, lr, gamma, seed, testSize);
        TrainingSchedule schedule = TrainingSchedule.of(steps, experiment.logEvery, evalEvery);
        try (Backend engine = run.openBackend()) {
            TrainingRun trained;
            try (TrainingTask task = environment.sortTasks().create(engine, config)) {
                trained = run.train(schedule, task);
            }
            run.write(result(run, config, schedule, engine, trained), trained, String.format(Locale.ROOT,
                    "sort: length %d, estimator %s, backend %s, seed %d", length, estimator, engine.name(), seed),
                    Map.of());
            Map<String, Double> key = new LinkedHashMap<>(trained.finalEvaluation());
            Double loss = trained.finalTraining().get("loss");
            if (loss != null) {
                key.put("loss", loss);
            }
            run.summarize(key, trained, trained.wallSeconds(), engine);
        }
        return 0;
    }

    private void validateNumbers() {
        experiment.require(length >= 2, "--length", length, "must be at least 2");
        experiment.require(SortConfig.ESTIMATORS.contains(estimator), "--estimator", "'" + estimator + "'",
                "must be one of " + String.join(", ", SortConfig.ESTIMATORS));
        experiment.require(steps > 0, "--steps", steps, "must be positive");
        experiment.require(batch > 0, "--batch", batch, "must be positive");
        experiment.require(lr > 0 && Double.isFinite(lr), "--lr", lr, "must be positive and finite");
        experiment.require(gamma >= 0 && Double.isFinite(gamma), "--gamma", gamma, "must be non-negative and finite");
        experiment.require(testSize > 0, "--test-size", testSize, "must be positive");
        experiment.requireSchedule(evalEvery);
    }

    private static Map<String, Object> result(ExperimentRun run, SortConfig config, TrainingSchedule schedule,
                                              Backend engine, TrainingRun trained) {
        Map<String, Double> evaluation = trained.finalEvaluation();
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
        ExperimentRun.putScheduleAndBackend(result, schedule, engine);
        run.putMetrics(result, evaluation);
        run.putMetrics(result, trained.finalTraining());
        result.put("train_samples_per_second", trained.trainSamplesPerSecond());
        result.put("wall_seconds", trained.wallSeconds());
        return result;
    }

}
