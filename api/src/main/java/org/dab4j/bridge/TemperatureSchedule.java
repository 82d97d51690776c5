package org.dab4j.bridge;

/**
 * The temperature of a {@link GumbelSoftmaxBridge} over training: {@code max(minimum, initial * exp(-rate * step))},
 * the exponential annealing of Jang et al. (2017). A high temperature gives smooth, low-variance but biased
 * samples; annealing towards the minimum makes them nearly one-hot.
 *
 * @param initial the temperature at step 0 (positive)
 * @param minimum the floor the temperature never goes below (positive, at most {@code initial})
 * @param rate    the decay per step (non-negative; 0 keeps the temperature constant)
 */
public record TemperatureSchedule(double initial, double minimum, double rate) {
    public TemperatureSchedule {
        if (!(minimum > 0) || !(initial >= minimum) || Double.isInfinite(initial)) {
            throw new IllegalArgumentException("temperature schedule: need 0 < minimum <= initial < infinity, got initial "
                    + initial + ", minimum " + minimum);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("temperature schedule: rate must be finite and >= 0, got " + rate);
        }
    }

    /** The same temperature at every step. */
    public static TemperatureSchedule constant(double temperature) {
        return new TemperatureSchedule(temperature, temperature, 0);
    }

    /** Decays from {@code initial} to reach {@code minimum} at {@code steps} and stays there. */
    public static TemperatureSchedule annealed(double initial, double minimum, long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("temperature schedule: steps must be positive, got " + steps);
        }
        return new TemperatureSchedule(initial, minimum, Math.log(initial / minimum) / steps);
    }

    /** The temperature at {@code step} (0-based or 1-based alike: the formula is continuous). */
    public double at(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("temperature schedule: step must be >= 0, got " + step);
        }
        return Math.max(minimum, initial * Math.exp(-rate * step));
    }
}
