package org.dab4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs JMH with every benchmark's {@code backend} parameter set to all available engines, unless the command
 * line sets it ({@code -p backend=vector}). Every other argument is JMH's own ({@code -h} lists them).
 */
public final class BenchMain {
    private static final String BACKEND_PARAMETER = "backend=";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        if (!setsBackend(args)) {
            List<String> names = BenchBackends.availableNames();
            if (names.isEmpty()) {
                throw new IllegalStateException("no dab4j backend is available to benchmark; start the JVM with "
                        + "--add-modules jdk.incubator.vector (bench/run-jmh does)");
            }
            jmhArgs.add("-p");
            jmhArgs.add(BACKEND_PARAMETER + String.join(",", names));
        }
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
    }

    private static boolean setsBackend(String[] args) {
        for (int i = 0; i < args.length; i++) {
            boolean separate = args[i].equals("-p") && i + 1 < args.length && args[i + 1].startsWith(BACKEND_PARAMETER);
            if (separate || args[i].startsWith("-p" + BACKEND_PARAMETER)) {
                return true;
            }
        }
        return false;
    }
}
