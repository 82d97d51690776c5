package org.dab4j.tensor;

import java.util.Objects;

/** Whether a provider can create a backend on this machine, and if not, why not. */
public record Availability(boolean available, String detail) {
    public Availability {
        Objects.requireNonNull(detail, "detail");
    }

    /** Available; {@code device} says what will run the work. */
    public static Availability available(String device) {
        return new Availability(true, device);
    }

    /** Not available, for the given reason (a missing library, no device, ...). */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
