package org.dab4j.tck;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;

/**
 * Runs the suite against the reference itself: the comparisons are trivially equal, so what this checks is
 * the hand-computed values, the plain-loop oracles of the fused defaults, and that the suite runs at all.
 */
class ReferenceBackendConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }
}
