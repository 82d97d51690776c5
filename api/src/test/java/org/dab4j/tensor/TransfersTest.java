package org.dab4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.dab4j.reference.ReferenceBackend;
import org.junit.jupiter.api.Test;

class TransfersTest {
    @Test
    void countsUploadsAndDownloadsWithTheirFloats() {
        Transfers t = Transfers.NONE.plusUpload(10).plusUpload(5).plusDownload(1);
        assertEquals(new Transfers(2, 15, 1, 1), t);
    }

    @Test
    void sinceIsTheTrafficBetweenTwoSnapshots() {
        Transfers before = new Transfers(3, 30, 2, 2);
        Transfers after = before.plusUpload(8).plusDownload(4).plusDownload(1);
        assertEquals(new Transfers(1, 8, 2, 5), after.since(before));
    }

    @Test
    void aSnapshotFromLaterIsRejected() {
        Transfers later = new Transfers(1, 1, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transfers.NONE.since(later));
        assertTrue(e.getMessage().contains("-1 uploads of -1 floats"), e.getMessage());
    }

    @Test
    void aHostMemoryBackendCountsNothing() {
        try (Backend backend = new ReferenceBackend()) {
            assertEquals(Optional.empty(), backend.transfers());
        }
    }
}
