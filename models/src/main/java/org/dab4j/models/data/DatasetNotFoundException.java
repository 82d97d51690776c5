package org.dab4j.models.data;

import java.io.IOException;

/** A data set is not where it was looked for; the message says where it looked and how to get it. */
public final class DatasetNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public DatasetNotFoundException(String message) {
        super(message);
    }
}
