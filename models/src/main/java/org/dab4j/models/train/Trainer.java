package org.dab4j.models.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link TrainingTask} on a {@link TrainingSchedule}: logs a row of running means every
 * {@code logEvery} steps, evaluates every {@code evalEvery} steps and at the end, and measures training
 * throughput over the time spent in {@link TrainingTask#step} alone, so evaluation does not dilute it.
 */
public final class Trainer {
    private static final double NANOS_PER_SECOND = 1e9;

    private final TrainingSchedule schedule;

    public Trainer(TrainingSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * Trains to the end of the schedule. The task stays open; its owner closes it.
     *
     * @throws TrainingDivergedException when a training metric is NaN or infinite, naming the step and metric
     */
    public TrainingRun run(TrainingTask task, ProgressReporter progress) {
        int batchSize = task.batchSize();
        if (batchSize <= 0) {
            throw new IllegalArgumentException("the task's batch size must be positive, got " + batchSize);
        }
        int steps = schedule.steps();
        List<MetricsRow> rows = new ArrayList<>();
        RunningMeans window = new RunningMeans();
        long start = System.nanoTime();
        long trainingNanos = 0;
        for (int step = 1; step <= steps; step++) {
            long before = System.nanoTime();
            Map<String, Double> metrics = task.step(step);
            trainingNanos += System.nanoTime() - before;
            window.add(requireFinite(step, metrics));
            progress.stepped(step, steps, secondsSince(start), window.means());
            if (schedule.isLogStep(step)) {
                Map<String, Double> evaluation = Map.of();
                if (schedule.isEvaluationStep(step)) {
                    evaluation = Objects.requireNonNull(task.evaluate(), "the task's evaluation returned null");
                    progress.evaluated(step, steps, evaluation);
                }
                rows.add(new MetricsRow(step, secondsSince(start), window.means(), evaluation));
                window.clear();
            }
        }
        double trainingSeconds = Math.max(trainingNanos, 1L) / NANOS_PER_SECOND;
        TrainingRun run = new TrainingRun(rows, (double) steps * batchSize / trainingSeconds, secondsSince(start));
        progress.finished(run);
        return run;
    }

    private static Map<String, Double> requireFinite(int step, Map<String, Double> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalStateException("the task returned no metrics at step " + step);
        }
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            Double value = e.getValue();
            if (value == null) {
                throw new IllegalStateException("the task returned no value for " + e.getKey() + " at step " + step);
            }
            if (!Double.isFinite(value)) {
                throw new TrainingDivergedException(step, e.getKey(), value);
            }
        }
        return metrics;
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / NANOS_PER_SECOND;
    }

    /** Per-metric means over a window of steps; a metric missing from some steps averages over the others. */
    private static final class RunningMeans {
        private final Map<String, double[]> sumAndCount = new LinkedHashMap<>();

        void add(Map<String, Double> metrics) {
            metrics.forEach((name, value) -> {
                double[] acc = sumAndCount.computeIfAbsent(name, n -> new double[2]);
                acc[0] += value;
                acc[1]++;
            });
        }

        Map<String, Double> means() {
            Map<String, Double> means = new LinkedHashMap<>();
            sumAndCount.forEach((name, acc) -> means.put(name, acc[0] / acc[1]));
            return means;
        }

        void clear() {
            sumAndCount.clear();
        }
    }
}
