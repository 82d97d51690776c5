package org.dab4j.models.report;

import org.dab4j.models.train.ProgressReporter;
import org.dab4j.models.train.TrainingRun;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Progress as plain lines for pipes and CI logs: one line at every tenth of the run and at its end, and one
 * line per evaluation.
 */
public final class PlainProgressLog implements ProgressReporter {
    private static final int REPORTS_PER_RUN = 10;

    private final PrintWriter out;
    private int lastReported;

    public PlainProgressLog(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stepped(int step, int totalSteps, double elapsedSeconds, Map<String, Double> running) {
        int report = (int) ((long) step * REPORTS_PER_RUN / totalSteps);
        if (report <= lastReported && step != totalSteps) {
            return;
        }
        lastReported = report;
        int width = Integer.toString(totalSteps).length();
        out.println(String.format(Locale.ROOT, "step %" + width + "d/%d (%3d%%)  %s  elapsed %s  ETA %s",
                step, totalSteps, (int) (100L * step / totalSteps), MetricFormat.metrics(running),
                MetricFormat.duration(elapsedSeconds),
                MetricFormat.duration(ConsoleProgress.etaSeconds(step, totalSteps, elapsedSeconds))));
        out.flush();
    }

    @Override
    public void evaluated(int step, int totalSteps, Map<String, Double> metrics) {
        out.println("eval at step " + step + "/" + totalSteps + ":  " + MetricFormat.metrics(metrics));
        out.flush();
    }

    @Override
    public void finished(TrainingRun run) {
        out.flush();
    }
}
