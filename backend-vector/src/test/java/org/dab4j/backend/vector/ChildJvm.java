package org.dab4j.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test class's {@code main} in a JVM like the one running the tests, with extra JVM options. */
final class ChildJvm {
    private static final long TIMEOUT_SECONDS = 120;

    private ChildJvm() {
    }

    /** Runs {@code main} with {@code args}; its output lines. Fails the test if it times out or exits non-zero. */
    static List<String> run(Class<?> main, List<String> options, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IllegalStateException("the running JVM does not report its java command")));
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path")));
        command.addAll(options);
        command.add(main.getName());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("child-jvm", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(main.getSimpleName() + " did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            List<String> output = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), "exit status of " + command + "\n" + String.join("\n", output));
            return output;
        } finally {
            Files.delete(log);
        }
    }
}
