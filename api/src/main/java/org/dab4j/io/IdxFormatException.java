package org.dab4j.io;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file that cannot be read as what it claims to be: wrong magic number, bad dimensions, truncated or corrupt. */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
