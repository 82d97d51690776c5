package org.dab4j.backend.opencl;

import org.dab4j.autograd.ConvGradientSuite;
import org.dab4j.tensor.Backend;

/** The finite-difference gradient checks of convolution and max pooling, computed on the OpenCL device. */
@RequiresOpenCl
class OpenClConvGradientTest extends ConvGradientSuite {
    @Override
    protected Backend createBackend() {
        return OpenClCondition.backend();
    }
}
