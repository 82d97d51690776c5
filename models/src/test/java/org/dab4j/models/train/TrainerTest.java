package org.dab4j.models.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    /** Remembers every callback. */
    static final class RecordingProgress implements ProgressReporter {
        final List<Integer> stepped = new ArrayList<>();
        final List<Integer> evaluated = new ArrayList<>();
        final List<Map<String, Double>> running = new ArrayList<>();
        TrainingRun finished;

        @Override
        public void stepped(int step, int totalSteps, double elapsedSeconds, Map<String, Double> metrics) {
            stepped.add(step);
            running.add(metrics);
        }

        @Override
        public void evaluated(int step, int totalSteps, Map<String, Double> metrics) {
            evaluated.add(step);
        }

        @Override
        public void finished(TrainingRun run) {
            finished = run;
        }
    }

    @Test
    void logsRowsOfWindowMeansAndEvaluatesOnScheduleAndAtTheEnd() {
        FakeTask task = new FakeTask(8);
        RecordingProgress progress = new RecordingProgress();
        TrainingRun run = new Trainer(new TrainingSchedule(10, 4, 6)).run(task, progress);

        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), task.steps);
        assertEquals(List.of(6, 10), task.evaluatedAfter);
        assertEquals(List.of(4, 6, 8, 10), run.rows().stream().map(MetricsRow::step).toList());
        assertEquals(List.of(false, true, false, true), run.rows().stream().map(MetricsRow::isEvaluated).toList());
        assertEquals((1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0) / 4, run.rows().get(0).training().get("loss"), 1e-12);
        assertEquals((1 / 5.0 + 1 / 6.0) / 2, run.rows().get(1).training().get("loss"), 1e-12);
        assertEquals(List.of("loss", "train_accuracy"), List.copyOf(run.rows().get(0).training().keySet()));
        assertEquals(Map.of("test_all_or_none_accuracy", 0.1, "test_position_accuracy", 0.2), run.finalEvaluation());
        assertEquals((1 / 9.0 + 1 / 10.0) / 2, run.finalTraining().get("loss"), 1e-12);
        assertFalse(task.isClosed(), "the trainer leaves closing to the task's owner");

        assertEquals(10, progress.stepped.size());
        assertEquals(List.of(6, 10), progress.evaluated);
        assertEquals(1.0, progress.running.getFirst().get("loss"));
        assertEquals(run, progress.finished);
    }

    @Test
    void measuresThroughputOverTrainingStepsOnly() {
        FakeTask task = new FakeTask(32, Integer.MAX_VALUE, 0, 60);
        TrainingRun run = new Trainer(new TrainingSchedule(20, 5, 20)).run(task, ProgressReporter.silent());
        assertTrue(run.trainSamplesPerSecond() > 0, "samples/s " + run.trainSamplesPerSecond());
        assertTrue(run.wallSeconds() >= 0.06, "wall time includes the evaluation: " + run.wallSeconds());
        double overall = 20 * 32 / run.wallSeconds();
        assertTrue(run.trainSamplesPerSecond() > overall,
                "evaluation time is excluded: " + run.trainSamplesPerSecond() + " vs " + overall);
    }

    @Test
    void aNanLossStopsTrainingNamingTheStepAndMetric() {
        FakeTask task = new FakeTask(4, 3, Double.NaN, 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(new TrainingSchedule(10, 1, 5)).run(task, ProgressReporter.silent()));
        assertEquals("training diverged at step 3: loss is NaN", e.getMessage());
        assertEquals(3, e.step());
        assertEquals("loss", e.metric());
        assertEquals(List.of(1, 2, 3), task.steps);
    }

    @Test
    void anInfiniteLossStopsTrainingToo() {
        FakeTask task = new FakeTask(4, 2, Double.NEGATIVE_INFINITY, 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(new TrainingSchedule(5, 1, 5)).run(task, ProgressReporter.silent()));
        assertEquals("training diverged at step 2: loss is -Infinity", e.getMessage());
    }

    @Test
    void aTaskWithoutMetricsOrBatchIsRejected() {
        TrainingTask empty = new FakeTask(4) {
            @Override
            public Map<String, Double> step(int step) {
                return Map.of();
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Trainer(new TrainingSchedule(2, 1, 1)).run(empty, ProgressReporter.silent()));
        assertEquals("the task returned no metrics at step 1", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer(new TrainingSchedule(2, 1, 1)).run(new FakeTask(0), ProgressReporter.silent()));
    }

    @Test
    void automaticIntervalsGiveAboutTwoHundredRowsAndFiveEvaluations() {
        TrainingSchedule schedule = TrainingSchedule.of(3000, null, null);
        assertEquals(15, schedule.logEvery());
        assertEquals(600, schedule.evalEvery());
        TrainingSchedule tiny = TrainingSchedule.of(3, null, 2);
        assertEquals(1, tiny.logEvery());
        assertTrue(tiny.isEvaluationStep(2) && tiny.isEvaluationStep(3) && !tiny.isEvaluationStep(1));
        assertThrows(IllegalArgumentException.class, () -> TrainingSchedule.of(0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new TrainingSchedule(10, 0, 1));
    }
}
