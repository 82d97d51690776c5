package org.dab4j.models.cli;

import com.google.inject.Module;
import org.dab4j.models.sort.SortConfig;
import org.dab4j.models.train.FakeTask;
import org.dab4j.models.train.TrainingTaskFactory;
import org.dab4j.tensor.Availability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SortCommandTest {
    @TempDir
    Path dir;

    private final List<SortConfig> created = new ArrayList<>();
    private final List<FakeTask> tasks = new ArrayList<>();

    private CliRun sort(TrainingTaskFactory<SortConfig> factory, String... args) {
        return sort(FakeBackends.module(FakeBackends.Provider.working("host", 10),
                FakeBackends.Provider.working("other", 1),
                new FakeBackends.Provider("gpu", 100, Availability.unavailable("no OpenCL platform"), 0)), factory, args);
    }

    private CliRun sort(Function<String, Module> backends, TrainingTaskFactory<SortConfig> factory, String... args) {
        CliEnvironment environment = new CliEnvironment(backends,
                (backend, config) -> {
                    created.add(config);
                    return factory.create(backend, config);
                }, false, CliRun.CLOCK);
        String[] all = new String[args.length + 1];
        all[0] = "sort";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(environment, all);
    }

    private CliRun sort(String... args) {
        return sort((backend, config) -> {
            FakeTask task = new FakeTask(config.batch());
            tasks.add(task);
            return task;
        }, args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--length|1|'--length': 1 (must be at least 2)",
            "--length|-3|'--length': -3 (must be at least 2)",
            "--estimator|gumbel|'--estimator': 'gumbel' (must be one of dab, ste, none)",
            "--steps|0|'--steps': 0 (must be positive)",
            "--steps|-5|'--steps': -5 (must be positive)",
            "--steps|many|'--steps': 'many' is not an int",
            "--batch|0|'--batch': 0 (must be positive)",
            "--lr|0|'--lr': 0.0 (must be positive and finite)",
            "--lr|-1e-3|'--lr': -0.001 (must be positive and finite)",
            "--lr|NaN|'--lr': NaN (must be positive and finite)",
            "--lr|Infinity|'--lr': Infinity (must be positive and finite)",
            "--gamma|-1|'--gamma': -1.0 (must be non-negative and finite)",
            "--test-size|0|'--test-size': 0 (must be positive)",
            "--log-every|0|'--log-every': 0 (must be positive)",
            "--eval-every|-2|'--eval-every': -2 (must be positive)",
            "--backend|cuda|'--backend': 'cuda' (unknown backend 'cuda'; known backends: gpu, host, other)",
            "--backend|gpu|'--backend': 'gpu' (backend 'gpu' is not available: no OpenCL platform)",
    })
    void eachBadOptionExitsWithTwoNamingTheOptionAndValue(String option, String value, String message) {
        CliRun run = sort(option, value, "--out", dir.resolve("run").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("dab4j: error: Invalid value for option " + message + "\n"), run.err());
        assertTrue(run.err().contains("Try 'dab4j sort --help' for more information."), run.err());
        assertTrue(created.isEmpty(), "no task is built for invalid options");
        assertFalse(Files.exists(dir.resolve("run")), "no output directory is created for invalid options");
    }

    @Test
    void anOutputPathUnderARegularFileIsRejectedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun run = sort("--out", file.resolve("run").toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("dab4j: error: Invalid value for option '--out': " + file.resolve("run")
                + " (cannot write there: "), run.err());
        assertTrue(created.isEmpty());
    }

    @Test
    void anOutputPathThatIsAFileIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("result"), "x");
        CliRun run = sort("--out", file.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("exists and is not a directory"), run.err());
    }

    @Test
    void withoutAnyAvailableBackendNothingIsCreated() {
        Path out = dir.resolve("none");
        CliRun run = sort(FakeBackends.module(new FakeBackends.Provider("gpu", 1, Availability.unavailable("no device"), 0)),
                (backend, config) -> new FakeTask(config.batch()), "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertEquals("dab4j: error: no dab4j backend is available: gpu (no device)\n", run.err());
        assertFalse(Files.exists(out));
        assertTrue(created.isEmpty());
    }

    @Test
    void anUnknownOptionSuggestsTheRightOne() {
        CliRun run = sort("--lenght", "5");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown options: '--lenght'"), run.err());
        assertTrue(run.err().contains("Possible solutions: --length"), run.err());
    }

    @Test
    void aRunWritesResultMetricsAndPlotAndPrintsASummary() throws IOException {
        Path out = dir.resolve("runs/sort-a");
        CliRun run = sort("--steps", "20", "--batch", "16", "--length", "4", "--estimator", "ste", "--seed", "7",
                "--log-every", "5", "--eval-every", "10", "--backend", "other", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());

        SortConfig config = created.getFirst();
        assertEquals(new SortConfig(4, "ste", 20, 16, 1e-3, 10, 7, 10000), config);
        assertTrue(tasks.getFirst().isClosed(), "the command closes its task");

        String json = Files.readString(out.resolve("result.json"));
        for (String field : List.of("\"experiment\": \"sort\"", "\"length\": 4", "\"estimator\": \"ste\"",
                "\"steps\": 20", "\"batch\": 16", "\"lr\": 0.001", "\"gamma\": 10.0", "\"seed\": 7",
                "\"backend\": \"other\"", "\"test_all_or_none_accuracy\": 0.2", "\"test_position_accuracy\": 0.4",
                "\"loss\": ", "\"train_samples_per_second\": ", "\"wall_seconds\": ")) {
            assertTrue(json.contains(field), field + " missing from\n" + json);
        }

        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("step,elapsed_seconds,loss,train_accuracy,test_all_or_none_accuracy,test_position_accuracy",
                csv.getFirst());
        assertEquals(5, csv.size());
        assertTrue(csv.get(2).startsWith("10,") && !csv.get(2).endsWith(","), csv.get(2));

        BufferedImage plot = ImageIO.read(out.resolve("training.png").toFile());
        assertNotNull(plot);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("metrics.csv", "result.json", "training.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }

        String[] lines = run.out().split("\n");
        assertTrue(lines[0].startsWith("step  2/20 ( 10%)  loss "), run.out());
        assertTrue(run.out().contains("eval at step 10/20:  test_all_or_none_accuracy 0.1000  test_position_accuracy 0.2000"),
                run.out());
        String summary = lines[lines.length - 1];
        assertTrue(summary.startsWith("sort done: test_all_or_none_accuracy 0.2000  test_position_accuracy 0.4000  loss "),
                summary);
        assertTrue(summary.endsWith("on other  |  results in " + out), summary);
    }

    @Test
    void aDivergingRunExitsWithOneNamingTheStep() {
        CliRun run = sort((backend, config) -> new FakeTask(config.batch(), 4, Double.NaN, 0),
                "--steps", "10", "--backend", "host", "--out", dir.resolve("nan").toString());
        assertEquals(1, run.exitCode());
        assertEquals("dab4j: error: training diverged at step 4: loss is NaN\n", run.err());
    }

    @Test
    void aLibraryErrorIsOneLineAndVerboseAddsTheStackTrace() {
        TrainingTaskFactory<SortConfig> failing = (backend, config) -> {
            throw new IllegalArgumentException("the model cannot sort " + config.length() + " elements");
        };
        CliRun quiet = sort(failing, "--backend", "host", "--out", dir.resolve("a").toString());
        assertEquals(1, quiet.exitCode());
        assertEquals("dab4j: error: the model cannot sort 5 elements\n", quiet.err());

        CliRun verbose = sort(failing, "--verbose", "--backend", "host", "--out", dir.resolve("b").toString());
        assertEquals(1, verbose.exitCode());
        assertTrue(verbose.err().startsWith("dab4j: error: the model cannot sort 5 elements\n"), verbose.err());
        assertTrue(verbose.err().contains("at org.dab4j.models.cli.SortCommand.call"), verbose.err());
    }

    @Test
    void anOutputDirectoryThatVanishesDuringTrainingIsAnErrorNamingIt() {
        Path out = dir.resolve("vanishing");
        TrainingTaskFactory<SortConfig> deleting = (backend, config) -> new FakeTask(config.batch()) {
            @Override
            public void close() {
                try {
                    Files.delete(out);
                } catch (IOException e) {
                    throw new IllegalStateException("the test could not delete " + out, e);
                }
            }
        };
        CliRun run = sort(deleting, "--steps", "2", "--backend", "host", "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("dab4j: error: writing the results to " + out + " failed: "), run.err());
        assertTrue(run.err().contains("no such file or directory"), run.err());
    }

    @Test
    void aTaskWithoutTheSortMetricsIsAnError() {
        TrainingTaskFactory<SortConfig> unlabelled = (backend, config) -> new FakeTask(config.batch()) {
            @Override
            public Map<String, Double> evaluate() {
                return Map.of("accuracy", 1.0);
            }
        };
        CliRun run = sort(unlabelled, "--steps", "2", "--backend", "host", "--out", dir.resolve("c").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("must report [test_all_or_none_accuracy, test_position_accuracy]"), run.err());
    }

    @Test
    void topLevelHelpListsTheCommands() {
        CliRun run = sort("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--estimator=NAME"), run.out());
        CliRun none = CliRun.of(CliEnvironment.standard());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("Missing required command"), none.err());
    }
}
