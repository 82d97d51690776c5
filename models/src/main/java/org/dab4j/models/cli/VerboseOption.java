package org.dab4j.models.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, accepted by every command; read back from the parse result by {@link Dab4jCli}. */
final class VerboseOption {
    @Option(names = {"-v", Dab4jCli.VERBOSE}, description = "Log backend discovery and print stack traces of errors.")
    boolean verbose;
}
