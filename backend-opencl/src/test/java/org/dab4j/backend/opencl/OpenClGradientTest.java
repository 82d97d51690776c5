package org.dab4j.backend.opencl;

import org.dab4j.autograd.OpsGradientSuite;
import org.dab4j.tensor.Backend;

/** The finite-difference gradient checks of every differentiable operation, computed on the OpenCL device. */
@RequiresOpenCl
class OpenClGradientTest extends OpsGradientSuite {
    @Override
    protected Backend createBackend() {
        return OpenClCondition.backend();
    }
}
