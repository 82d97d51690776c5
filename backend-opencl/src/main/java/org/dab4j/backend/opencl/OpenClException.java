package org.dab4j.backend.opencl;

/** An operation could not run on the OpenCL device; there is no fallback to Java threads. */
public final class OpenClException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OpenClException(String message) {
        super(message);
    }

    OpenClException(String message, Throwable cause) {
        super(message, cause);
    }
}
