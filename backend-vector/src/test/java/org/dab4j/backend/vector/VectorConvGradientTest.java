package org.dab4j.backend.vector;

import org.dab4j.autograd.ConvGradientSuite;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.BackendConfig;

/** The convolution and pooling gradient checks on the vector engine. */
class VectorConvGradientTest extends ConvGradientSuite {
    @Override
    protected Backend createBackend() {
        return new VectorBackend(BackendConfig.defaults());
    }
}
