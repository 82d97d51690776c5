package org.dab4j.models.cli;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Console logging for the CLI: warnings only, or with {@code --verbose} also the informational lines
 * (such as one line per backend provider), each as a single {@code dab4j: level: message} line on stderr.
 * A user's own {@code java.util.logging.config.file} is left alone.
 */
final class CliLogging {
    /** Held here because the log manager keeps loggers only weakly, and with them their levels. */
    private static final Logger GUICE_LINE_NUMBERS = Logger.getLogger("com.google.inject.internal.util.LineNumbers");

    private CliLogging() {
    }

    static void configure(boolean verbose) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        Logger root = LogManager.getLogManager().getLogger("");
        Level level = verbose ? Level.INFO : Level.WARNING;
        root.setLevel(level);
        // Guice's bundled ASM cannot read Java 25 class files and warns so whenever it formats an error;
        // that warning says nothing about the user's problem.
        GUICE_LINE_NUMBERS.setLevel(verbose ? Level.INFO : Level.SEVERE);
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                handler.setLevel(level);
                handler.setFormatter(new OneLineFormatter());
            }
        }
    }

    private static final class OneLineFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            String line = "dab4j: " + record.getLevel().getName().toLowerCase(Locale.ROOT) + ": "
                    + formatMessage(record) + System.lineSeparator();
            return record.getThrown() == null ? line : line + "  " + record.getThrown() + System.lineSeparator();
        }
    }
}
