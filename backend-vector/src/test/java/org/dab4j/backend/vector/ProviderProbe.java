package org.dab4j.backend.vector;

import org.dab4j.tensor.Availability;

/** Prints what the provider reports; run by {@link VectorBackendProviderTest} in a JVM without the module. */
public final class ProviderProbe {
    private ProviderProbe() {
    }

    public static void main(String[] args) {
        Availability a = new VectorBackendProvider().availability();
        System.out.println("available=" + a.available() + " detail=" + a.detail());
    }
}
