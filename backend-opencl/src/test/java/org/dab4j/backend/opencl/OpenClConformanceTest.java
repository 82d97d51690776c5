package org.dab4j.backend.opencl;

import org.dab4j.tck.BackendConformanceSuite;
import org.dab4j.tensor.Backend;

/** The whole conformance suite on the preferred OpenCL device (PoCL in CI, with shared memory off). */
@RequiresOpenCl
class OpenClConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend createBackend() {
        return OpenClCondition.backend();
    }

    /**
     * The device cannot throw: an invalid index is reported by the next download instead, which
     * {@link IndexErrorTest} checks.
     */
    @Override
    protected boolean checksIndices() {
        return false;
    }
}
