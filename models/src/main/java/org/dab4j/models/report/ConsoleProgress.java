package org.dab4j.models.report;

import org.dab4j.models.train.ProgressReporter;

import java.io.Console;
import java.io.PrintWriter;

/** Picks how a run shows its progress: a live bar on a terminal, plain log lines anywhere else. */
public final class ConsoleProgress {
    private ConsoleProgress() {
    }

    /** Whether standard input and output are an interactive terminal (not a pipe, file or CI log). */
    public static boolean isTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    public static ProgressReporter forOutput(PrintWriter out, boolean terminal) {
        return terminal ? new TerminalProgressBar(out) : new PlainProgressLog(out);
    }

    /** Seconds left at the average pace so far. */
    static double etaSeconds(int step, int totalSteps, double elapsedSeconds) {
        return elapsedSeconds / step * (totalSteps - step);
    }
}
