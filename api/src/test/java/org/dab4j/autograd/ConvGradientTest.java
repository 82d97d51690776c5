package org.dab4j.autograd;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;

/** The convolution and pooling gradient checks on the reference backend. */
class ConvGradientTest extends ConvGradientSuite {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }
}
