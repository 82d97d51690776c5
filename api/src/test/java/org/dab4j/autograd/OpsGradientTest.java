package org.dab4j.autograd;

import org.dab4j.reference.ReferenceBackend;
import org.dab4j.tensor.Backend;

/** The gradient checks on the reference backend. */
class OpsGradientTest extends OpsGradientSuite {
    @Override
    protected Backend createBackend() {
        return new ReferenceBackend();
    }
}
