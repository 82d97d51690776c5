package org.dab4j.models.report;

import org.dab4j.models.train.ProgressReporter;
import org.dab4j.models.train.TrainingRun;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * A single status line redrawn in place with a carriage return: bar, percent, step, ETA and the running
 * metrics. Evaluations are printed as lines above it. Redraws are throttled so that fast steps do not
 * spend their time writing to the terminal.
 */
public final class TerminalProgressBar implements ProgressReporter {
    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** Keeps the line shorter than a common terminal so that it never wraps, which would break the redraw. */
    private static final int MAX_LINE = 119;
    private static final String CLEAR_TO_END = "\u001b[K";

    private final PrintWriter out;
    private long lastDraw = Long.MIN_VALUE;
    private int step;
    private int totalSteps;
    private double elapsedSeconds;
    private Map<String, Double> running = Map.of();

    public TerminalProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stepped(int step, int totalSteps, double elapsedSeconds, Map<String, Double> running) {
        this.step = step;
        this.totalSteps = totalSteps;
        this.elapsedSeconds = elapsedSeconds;
        this.running = running;
        long now = System.nanoTime();
        if (step != totalSteps && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        out.print("\r" + render(step, totalSteps, elapsedSeconds, running) + CLEAR_TO_END);
        out.flush();
    }

    /** Prints the evaluation where the bar was and redraws the bar, up to date, below it. */
    @Override
    public void evaluated(int step, int totalSteps, Map<String, Double> metrics) {
        out.print("\r" + CLEAR_TO_END + "eval at step " + step + "/" + totalSteps + ":  "
                + MetricFormat.metrics(metrics) + "\n" + render(this.step, this.totalSteps, elapsedSeconds, running));
        out.flush();
    }

    @Override
    public void finished(TrainingRun run) {
        out.print("\n");
        out.flush();
    }

    static String render(int step, int totalSteps, double elapsedSeconds, Map<String, Double> running) {
        int filled = (int) ((long) step * BAR_WIDTH / totalSteps);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        String text = String.format(Locale.ROOT, "[%s] %3d%%  %d/%d  ETA %s  %s", bar,
                (int) (100L * step / totalSteps), step, totalSteps,
                MetricFormat.duration(ConsoleProgress.etaSeconds(step, totalSteps, elapsedSeconds)),
                MetricFormat.metrics(running));
        return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE);
    }
}
