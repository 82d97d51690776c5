package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Same seed, same backend, same numbers: a kernel must give the same bits interpreted, as C1 code and as C2
 * code, because which steps of a run happen before compilation is a matter of timing. Two child JVMs run
 * {@link TierProbe}: one only interprets, the other repeats the operations until C2 has compiled every kernel
 * (its compilation log must show it). Each operation must have had one result throughout, the same in both.
 */
class JitTierDeterminismTest {
    /** Repetitions in the compiling JVM; C2 has compiled every kernel after about 1000 here. */
    private static final int ITERATIONS = 3000;
    /**
     * The kernels whose C2 form is compared; each must appear in the compilation log at tier 4. The short-row
     * softmax is small enough to be inlined into softmaxCrossEntropyRow, so it has no compilation of its own.
     */
    private static final List<String> KERNELS = List.of("UnaryKernels::exp", "UnaryKernels::log",
            "UnaryKernels::tanh", "UnaryKernels::sigmoid", "BinaryKernels::powVS", "ReduceKernels::sum", "Gemm::dot",
            "FusedKernels::softmaxCrossEntropyRow", "FusedKernels::softmaxCrossEntropyLongRow",
            "FusedKernels::softmaxCrossEntropyColumns");
    /** A line of -XX:+PrintCompilation for a tier-4 (C2) compilation, OSR or not, of one of our methods. */
    private static final Pattern C2_COMPILED =
            Pattern.compile("\\s4\\s+org\\.dab4j\\.backend\\.vector\\.(\\w+::\\w+)\\b");
    /** A line of TierProbe: an operation's name and the hashes of its distinct results. */
    private static final Pattern PROBE_LINE = Pattern.compile("([A-Z_]+)((?: [0-9a-f]+)+)");

    @Test
    void interpretedAndCompiledKernelsGiveTheSameBits() throws IOException, InterruptedException {
        Map<String, List<String>> interpreted = probeResults(run(1, "-Xint"));
        // -Xbatch waits for each compilation, so how loaded the machine is cannot delay C2 past the last call.
        List<String> compiledOutput = run(ITERATIONS, "-Xbatch", "-XX:+PrintCompilation");
        List<String> compiledByC2 = new ArrayList<>();
        for (String line : compiledOutput) {
            Matcher m = C2_COMPILED.matcher(line);
            if (m.find()) {
                compiledByC2.add(m.group(1));
            }
        }
        for (String kernel : KERNELS) {
            assertTrue(compiledByC2.contains(kernel), kernel + " was not compiled by C2 within " + ITERATIONS
                    + " calls; C2 compiled " + compiledByC2);
        }
        Map<String, List<String>> compiled = probeResults(compiledOutput);
        assertEquals(interpreted.keySet(), compiled.keySet(), "operations probed");
        for (Map.Entry<String, List<String>> e : interpreted.entrySet()) {
            assertEquals(e.getValue(), compiled.get(e.getKey()), e.getKey()
                    + ": hashes of the interpreted result, then of every distinct result while compiling");
        }
    }

    /** The operations' hashes from TierProbe's output lines. */
    private static Map<String, List<String>> probeResults(List<String> output) {
        Map<String, List<String>> results = new LinkedHashMap<>();
        for (String line : output) {
            Matcher m = PROBE_LINE.matcher(line);
            if (m.matches()) {
                results.put(m.group(1), Arrays.asList(m.group(2).trim().split(" ")));
            }
        }
        if (results.isEmpty()) {
            fail("TierProbe printed no results:\n" + String.join("\n", output));
        }
        return results;
    }

    /** Runs TierProbe for {@code iterations} in a JVM like this one with extra options; returns its output lines. */
    private static List<String> run(int iterations, String... options) throws IOException, InterruptedException {
        return ChildJvm.run(TierProbe.class, List.of(options), String.valueOf(iterations));
    }
}
