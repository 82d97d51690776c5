package org.dab4j.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector shape every kernel uses. It must stay a {@code static final} constant: C2 only
 * intrinsifies Vector API calls whose species it can see as a constant (about 30x slower otherwise).
 */
final class Simd {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int L = S.length();

    private Simd() {
    }
}
