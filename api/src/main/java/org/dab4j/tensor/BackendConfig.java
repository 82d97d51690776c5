package org.dab4j.tensor;

/** Settings a provider uses to create a backend. */
public record BackendConfig(int threads) {
    public BackendConfig {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** One thread per available processor. */
    public static BackendConfig defaults() {
        return new BackendConfig(Runtime.getRuntime().availableProcessors());
    }
}
