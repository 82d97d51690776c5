package org.dab4j.models.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.stream.Stream;

/**
 * Finished runs grouped by configuration: every {@code result.json} field is a setting except the seed, the
 * machine's description and what a run measured (fields starting with {@code test_} or {@code train_}, the
 * training losses, the temperature and times in seconds). Runs whose settings agree form one group; the
 * table shows each group's mean ± sample standard deviation over its runs of every {@code test_} metric and
 * of the wall time.
 */
public final class RunComparison {
    private static final List<String> IGNORED = List.of("seed", "backend_device");

    /** One finished run: its directory and its result fields. */
    public record Run(Path dir, Map<String, Object> fields) {
    }

    /** Runs that share their settings. */
    public record Group(Map<String, Object> settings, List<Run> runs) {
        public Group {
            runs = List.copyOf(runs);
        }

        /** The label used in the plot's legend: the settings that differ between groups. */
        public String label(List<String> varying) {
            List<String> parts = new ArrayList<>();
            for (String key : varying) {
                parts.add(key + "=" + text(settings.get(key)));
            }
            return parts.isEmpty() ? "all runs" : String.join(" ", parts);
        }
    }

    private final List<Group> groups;
    private final List<String> varying;
    private final Map<String, Object> common;
    private final List<String> metrics;

    private RunComparison(List<Group> groups, List<String> varying, Map<String, Object> common, List<String> metrics) {
        this.groups = groups;
        this.varying = varying;
        this.common = common;
        this.metrics = metrics;
    }

    /** Whether a result field is a measurement rather than a setting. */
    static boolean isMeasured(String key) {
        return key.startsWith("test_") || key.startsWith("train_") || key.endsWith("loss") || key.endsWith("_seconds")
                || key.equals("temperature");
    }

    /**
     * Every {@code result.json} under the given paths (files, or directories searched at any depth), read
     * and grouped.
     *
     * @throws IOException naming a path that does not exist, holds no result, or a file that is not a result
     */
    public static RunComparison load(List<Path> paths) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IOException(path + ": no such file or directory");
            }
            List<Path> files;
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(p -> p.getFileName().toString().equals(RunOutputs.RESULT))
                            .sorted().toList();
                }
                if (files.isEmpty()) {
                    throw new IOException(path + " holds no " + RunOutputs.RESULT + " (is it a run's --out directory?)");
                }
            } else {
                files = List.of(path);
            }
            for (Path file : files) {
                try {
                    runs.add(new Run(file.toAbsolutePath().getParent(), FlatJsonReader.read(Files.readString(file))));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + " is not a result file: " + e.getMessage(), e);
                }
            }
        }
        return of(runs);
    }

    /** Groups {@code runs} by their settings, in first-seen order. */
    public static RunComparison of(List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to compare");
        }
        Map<Map<String, Object>, List<Run>> bySettings = new LinkedHashMap<>();
        SequencedSet<String> keys = new LinkedHashSet<>();
        SequencedSet<String> metrics = new LinkedHashSet<>();
        for (Run run : runs) {
            Map<String, Object> settings = new LinkedHashMap<>();
            run.fields().forEach((key, value) -> {
                if (isMeasured(key)) {
                    if (key.startsWith("test_") && value instanceof Number) {
                        metrics.add(key);
                    }
                } else if (!IGNORED.contains(key)) {
                    settings.put(key, value);
                    keys.add(key);
                }
            });
            bySettings.computeIfAbsent(settings, s -> new ArrayList<>()).add(run);
        }
        if (runs.stream().anyMatch(r -> r.fields().get("wall_seconds") instanceof Number)) {
            metrics.add("wall_seconds");
        }
        List<Group> groups = new ArrayList<>();
        bySettings.forEach((settings, members) -> groups.add(new Group(settings, members)));
        List<String> varying = new ArrayList<>();
        Map<String, Object> common = new LinkedHashMap<>();
        for (String key : keys) {
            Object first = groups.getFirst().settings().get(key);
            boolean same = groups.stream().allMatch(g -> g.settings().containsKey(key)
                    && Objects.equals(g.settings().get(key), first));
            if (same) {
                common.put(key, first);
            } else {
                varying.add(key);
            }
        }
        return new RunComparison(List.copyOf(groups), List.copyOf(varying), common, List.copyOf(metrics));
    }

    public List<Group> groups() {
        return groups;
    }

    /** The settings that differ between groups, which label the rows. */
    public List<String> varying() {
        return varying;
    }

    /**
     * The fewest varying settings, taken in order, that tell the groups apart: a setting that follows from
     * earlier ones (a code's width from its type) is left out, which keeps plot legends short.
     */
    public List<String> distinguishing() {
        List<String> keys = new ArrayList<>();
        int distinct = 1;
        for (String key : varying) {
            List<String> candidate = new ArrayList<>(keys);
            candidate.add(key);
            long count = groups.stream().map(g -> candidate.stream().map(k -> text(g.settings().get(k))).toList())
                    .distinct().count();
            if (count > distinct) {
                keys = candidate;
                distinct = (int) count;
            }
        }
        return keys;
    }

    /** The metrics shown: the {@code test_} fields, then the wall time. */
    public List<String> metrics() {
        return metrics;
    }

    /** Mean and sample standard deviation of {@code metric} over a group's runs that report it (NaN when none). */
    public static double[] meanAndStd(Group group, String metric) {
        List<Double> values = new ArrayList<>();
        for (Run run : group.runs()) {
            if (run.fields().get(metric) instanceof Number n) {
                values.add(n.doubleValue());
            }
        }
        if (values.isEmpty()) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double std = values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : Double.NaN;
        return new double[]{mean, std};
    }

    /**
     * A markdown table: the shared settings in a line above it, then one row per group with its varying
     * settings, its number of runs and {@code mean ± std} of each metric (the mean alone for a single run).
     */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        if (!common.isEmpty()) {
            List<String> parts = new ArrayList<>();
            common.forEach((key, value) -> parts.add(key + "=" + text(value)));
            md.append("Common settings: ").append(String.join(", ", parts)).append("\n\n");
        }
        List<String> header = new ArrayList<>(varying);
        header.add("runs");
        header.addAll(metrics);
        md.append(row(header));
        md.append(row(header.stream().map(h -> "---").toList()));
        for (Group group : groups) {
            List<String> cells = new ArrayList<>();
            for (String key : varying) {
                cells.add(group.settings().containsKey(key) ? text(group.settings().get(key)) : "");
            }
            cells.add(Integer.toString(group.runs().size()));
            for (String metric : metrics) {
                double[] ms = meanAndStd(group, metric);
                cells.add(Double.isNaN(ms[0]) ? "" : Double.isNaN(ms[1]) ? number(ms[0])
                        : number(ms[0]) + " ± " + number(ms[1]));
            }
            md.append(row(cells));
        }
        return md.toString();
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }

    /** Four significant digits, at least three decimals below 1. */
    static String number(double v) {
        double magnitude = Math.abs(v);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String text(Object value) {
        return switch (value) {
            case null -> "null";
            case Double d -> number(d);
            default -> value.toString();
        };
    }
}
