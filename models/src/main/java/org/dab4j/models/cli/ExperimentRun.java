package org.dab4j.models.cli;

import com.google.inject.Injector;
import org.dab4j.models.report.AtomicFiles;
import org.dab4j.models.report.ConsoleProgress;
import org.dab4j.models.report.MetricFormat;
import org.dab4j.models.report.RunOutputs;
import org.dab4j.models.train.Trainer;
import org.dab4j.models.train.TrainingRun;
import org.dab4j.models.train.TrainingSchedule;
import org.dab4j.models.train.TrainingTask;
import org.dab4j.tensor.Backend;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * One experiment run once its options are checked, its backend chosen and its output directory prepared
 * (by {@link ExperimentOptions#start}): trains with progress on the console, fills the shared result.json
 * fields, writes the outputs and prints the summary line in the same form for every experiment.
 */
final class ExperimentRun {
    private final String name;
    private final String subject;
    private final CliEnvironment environment;
    private final Injector injector;
    private final Path dir;
    private final PrintWriter console;

    ExperimentRun(String name, String subject, CliEnvironment environment, Injector injector, Path dir,
                  PrintWriter console) {
        this.name = name;
        this.subject = subject;
        this.environment = environment;
        this.injector = injector;
        this.dir = dir;
        this.console = console;
    }

    /** Opens the chosen backend; the caller closes it. */
    Backend openBackend() {
        return injector.getInstance(Backend.class);
    }

    /** Prints a line at once, before work that takes a while. */
    void say(String line) {
        console.println(line);
        console.flush();
    }

    TrainingRun train(TrainingSchedule schedule, TrainingTask task) {
        return new Trainer(schedule).run(task, ConsoleProgress.forOutput(console, environment.terminal()));
    }

    /** The fields every result.json has between the experiment's settings and its metrics. */
    static void putScheduleAndBackend(Map<String, Object> result, TrainingSchedule schedule, Backend engine) {
        result.put("log_every", schedule.logEvery());
        result.put("eval_every", schedule.evalEvery());
        result.put("backend", engine.name());
        result.put("backend_device", engine.description());
    }

    void putMetrics(Map<String, Object> result, Map<String, Double> metrics) {
        metrics.forEach((metric, value) -> {
            if (result.putIfAbsent(metric, value) != null) {
                throw new IllegalStateException(subject + " metric '" + metric + "' clashes with a result.json field");
            }
        });
    }

    /** Writes the experiment's images (file name to PNG bytes, in order), then result.json, metrics.csv, the plot. */
    void write(Map<String, Object> result, TrainingRun run, String plotTitle, Map<String, byte[]> images) {
        try {
            for (Map.Entry<String, byte[]> image : images.entrySet()) {
                AtomicFiles.writeBytes(dir.resolve(image.getKey()), image.getValue());
            }
            RunOutputs.write(dir, result, run.rows(), plotTitle);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the results to " + dir + " failed: "
                    + ExperimentOptions.describe(e), e);
        }
    }

    /** The summary line: the key metrics, the training speed and the whole time taken. */
    void summarize(Map<String, Double> metrics, TrainingRun run, double wallSeconds, Backend engine) {
        say(String.format(Locale.ROOT, "%s done: %s  |  %.0f samples/s, %s on %s  |  results in %s", name,
                MetricFormat.metrics(metrics), run.trainSamplesPerSecond(), MetricFormat.seconds(wallSeconds),
                engine.name(), dir));
    }
}
