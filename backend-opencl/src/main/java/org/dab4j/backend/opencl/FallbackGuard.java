package org.dab4j.backend.opencl;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.aparapi.Config;

/**
 * Stops Aparapi's silent fallback. On any translator, build or run-time failure Aparapi logs a warning that
 * starts with {@value #FAILURE_PREFIX} and then reruns the kernel in a Java thread pool; this handler turns
 * that record into an exception, thrown out of {@code execute} before the fallback starts. Installed once
 * per JVM on Aparapi's logger; the backend also checks {@code isRunningCL()} and the failed devices after
 * every launch, in case a failure takes another path.
 */
final class FallbackGuard extends Handler {
    static final String FAILURE_PREFIX = "Device failed for";

    /** Keeps the installed handler reachable, since the logger holds handlers but may itself be collected. */
    private static final Logger APARAPI_LOGGER = Logger.getLogger(Config.getLoggerName());

    private static boolean installed;

    private FallbackGuard() {
    }

    /** Installs the guard on Aparapi's logger, once per JVM. */
    static synchronized void ensureInstalled() {
        if (!installed) {
            APARAPI_LOGGER.addHandler(new FallbackGuard());
            installed = true;
        }
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (message != null && message.startsWith(FAILURE_PREFIX)) {
            throw new FallbackRefused(message, record.getThrown());
        }
    }

    @Override
    public void flush() {
        // Nothing is buffered.
    }

    @Override
    public void close() {
        // Nothing is held.
    }

    /** Thrown out of Aparapi's logging call so that the Java fallback never runs. */
    static final class FallbackRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FallbackRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
