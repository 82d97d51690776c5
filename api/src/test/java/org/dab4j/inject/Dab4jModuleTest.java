package org.dab4j.inject;

import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import org.dab4j.tensor.Backend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Dab4jModuleTest {

    @Test
    void requestingAnUnknownBackendFailsWithTheSelectionMessage() {
        ProvisionException e = assertThrows(ProvisionException.class,
                () -> Guice.createInjector(new Dab4jModule("no-such-backend")).getInstance(Backend.class));
        assertTrue(e.getMessage().contains("unknown backend 'no-such-backend'"), e.getMessage());
    }
}
