package org.dab4j.models.cli;

import org.dab4j.models.report.ComparisonPlot;
import org.dab4j.models.report.RunComparison;
import org.dab4j.models.report.RunOutputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code dab4j report DIR...}: compares finished runs, grouped by configuration over seeds. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Dab4jCli.Version.class,
        sortOptions = false, showDefaultValues = true,
        description = {"Compares finished runs: reads every result.json under the given directories, groups runs "
                + "whose settings agree (all but the seed), prints a markdown table of each group's mean ± standard "
                + "deviation of the test metrics and wall time, and plots the groups' test curves from metrics.csv."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    @Parameters(paramLabel = "DIR", arity = "1..*",
            description = "Run directories (--out of a run), folders holding several, or result.json files.")
    List<Path> paths;

    @Option(names = "--plot", paramLabel = "FILE", defaultValue = "comparison.png",
            description = "Where to write the comparison plot (PNG).")
    Path plot;

    @Override
    public Integer call() {
        RunComparison comparison;
        try {
            comparison = RunComparison.load(paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        PrintWriter console = spec.commandLine().getOut();
        console.print(comparison.markdown());
        try {
            console.println();
            console.println(ComparisonPlot.write(plot, "test metrics by configuration (mean over runs)", comparison)
                    ? "plot: " + plot : "no plot: none of the runs has test metrics in its " + RunOutputs.METRICS);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the comparison plot " + plot + " failed: " + e.getMessage(), e);
        }
        console.flush();
        return 0;
    }
}
