package org.dab4j.bridge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemperatureScheduleTest {
    @Test
    void decaysExponentiallyDownToTheFloor() {
        TemperatureSchedule s = new TemperatureSchedule(1.0, 0.5, 1e-3);
        assertEquals(1.0, s.at(0));
        assertEquals(Math.exp(-0.1), s.at(100), 1e-12);
        assertEquals(0.5, s.at(1_000_000));
        assertTrue(s.at(10) > s.at(11));
    }

    @Test
    void annealedReachesTheMinimumAtTheGivenStep() {
        TemperatureSchedule s = TemperatureSchedule.annealed(2.0, 0.5, 1000);
        assertEquals(2.0, s.at(0));
        assertEquals(1.0, s.at(500), 1e-9);
        assertEquals(0.5, s.at(1000), 1e-9);
        assertEquals(0.5, s.at(5000));
    }

    @Test
    void constantStaysPut() {
        TemperatureSchedule s = TemperatureSchedule.constant(0.7);
        assertEquals(0.7, s.at(0));
        assertEquals(0.7, s.at(123_456));
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TemperatureSchedule(0.5, 1.0, 0));
        assertTrue(e.getMessage().contains("initial 0.5, minimum 1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TemperatureSchedule(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureSchedule(1, 0.5, -1));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureSchedule(Double.POSITIVE_INFINITY, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> TemperatureSchedule.annealed(1, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> TemperatureSchedule.constant(1).at(-1));
    }
}
