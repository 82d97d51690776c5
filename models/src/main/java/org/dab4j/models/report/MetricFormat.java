package org.dab4j.models.report;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Compact human-readable numbers for progress lines and summaries. */
public final class MetricFormat {
    private MetricFormat() {
    }

    /** Four decimals in the everyday range, scientific notation for tiny or huge magnitudes. */
    public static String value(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-3 && magnitude < 1e5) {
            return String.format(Locale.ROOT, "%.4f", v);
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** {@code name value} pairs separated by two spaces. */
    public static String metrics(Map<String, Double> metrics) {
        StringJoiner line = new StringJoiner("  ");
        metrics.forEach((name, v) -> line.add(name + " " + value(v)));
        return line.toString();
    }

    /** A duration as {@code 42s}, {@code 3m07s} or {@code 2h05m}. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** Seconds with one decimal below a minute, for wall times in summaries. */
    public static String seconds(double seconds) {
        return seconds < 60 ? String.format(Locale.ROOT, "%.1fs", seconds) : duration(seconds);
    }
}
