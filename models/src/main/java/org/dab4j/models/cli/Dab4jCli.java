package org.dab4j.models.cli;

import com.google.inject.ProvisionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The {@code dab4j} command line. Invalid options exit with 2 and a message naming the option; a failure
 * while working prints {@code dab4j: error: <message>} and exits with 1 (with the stack trace under
 * {@code --verbose}).
 */
@Command(name = "dab4j", mixinStandardHelpOptions = true, versionProvider = Dab4jCli.Version.class,
        description = "Trains networks with non-differentiable functions via Differentiable Approximation Bridges.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Run 'dab4j COMMAND --help' for a command's options."})
public final class Dab4jCli implements Callable<Integer> {
    static final String VERBOSE = "--verbose";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    VerboseOption verbose;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine(CliEnvironment.standard()).execute(args));
    }

    /** The whole command tree, wired to {@code environment}. */
    public static CommandLine commandLine(CliEnvironment environment) {
        CommandLine cli = new CommandLine(new Dab4jCli())
                .addSubcommand(new BackendsCommand(environment))
                .addSubcommand(new SortCommand(environment))
                .addSubcommand(new AutoencoderCommand(environment))
                .addSubcommand(new VaeCommand(environment))
                .addSubcommand(new ClassifyCommand(environment))
                .addSubcommand(new ReportCommand())
                .addSubcommand(new CommandLine.HelpCommand());
        cli.setExecutionStrategy(parseResult -> {
            CliLogging.configure(isVerbose(parseResult));
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setParameterExceptionHandler(Dab4jCli::invalidInput);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, commandLine, parseResult));
        return cli;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required command: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    private static int invalidInput(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("dab4j: error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failed(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Throwable cause = e;
        // Guice wraps what a provider threw; the user wants the original message.
        while (cause instanceof ProvisionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        err.println("dab4j: error: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        if (isVerbose(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** The version Maven wrote into {@code dab4j-version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = Dab4jCli.class.getResourceAsStream("/dab4j-version.properties")) {
                if (in == null) {
                    throw new IllegalStateException("dab4j-version.properties is missing from the class path");
                }
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("reading dab4j-version.properties failed", e);
            }
            return new String[]{"dab4j " + properties.getProperty("version"),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
