package org.dab4j.backend.vector;

import org.dab4j.tck.BackendConformanceSuite;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;

/** The whole conformance suite against the vector backend, with the default thread count. */
class VectorBackendConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return new VectorBackend(BackendConfig.defaults());
    }
}
