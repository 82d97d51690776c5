package org.dab4j.models.cli;

import org.dab4j.inject.Dab4jModule;
import org.dab4j.models.sort.SortTask;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One in-process run of the CLI with its exit code and captured output. */
record CliRun(int exitCode, String out, String err) {
    /** The clock the experiment tests run under, so default output directories have a known name. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-30T08:00:00Z"), ZoneOffset.UTC);

    static CliRun of(CliEnvironment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Dab4jCli.commandLine(environment);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** A run with the real backends and the fixed {@link #CLOCK}. */
    static CliRun real(String... args) {
        return of(new CliEnvironment(Dab4jModule::new, SortTask::create, false, CLOCK), args);
    }

    /** {@code command} with {@code args} after it, with the real backends. */
    static CliRun command(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(Arrays.asList(args));
        return real(all.toArray(String[]::new));
    }

    /** {@code command} on the IDX folder {@code data}: {@code options}, {@code --data}, {@code --out}, {@code more}. */
    static CliRun tiny(String command, List<String> options, Path data, Path out, String... more) {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("--data", data.toString(), "--out", out.toString()));
        args.addAll(Arrays.asList(more));
        return command(command, args.toArray(String[]::new));
    }
}
