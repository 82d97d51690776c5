package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.autograd.CustomFunction;
import org.dab4j.tensor.Tensor;

/**
 * The binary concrete (Gumbel-Softmax with two categories) estimator (Maddison et al. 2017; Jang et al.
 * 2017) for stochastic binary units. In training the relaxed sample is {@code y = sigmoid(z / tau)} of the
 * perturbed logits {@code z = logits + log(1 - u) - log(u)} (see {@link BernoulliSample}) at the temperature
 * of a {@link TemperatureSchedule}; then
 * <ul>
 *   <li>{@link Variant#RELAXED} outputs y itself (not a binary value), and</li>
 *   <li>{@link Variant#STRAIGHT_THROUGH} outputs the Bernoulli sample {@code 1[z > 0] = 1[y > 1/2]} and
 *       passes the gradient to y unchanged, from where it flows through the sigmoid.</li>
 * </ul>
 * Without grad (inference) both output the Bernoulli sample. There is no auxiliary loss.
 */
public final class BinaryConcreteBridge extends StochasticBinaryBridge {

    /** Which binary concrete estimator. */
    public enum Variant {
        /** The relaxed sample forward, its exact gradient backward. */
        RELAXED,
        /** The Bernoulli sample forward, the relaxed sample's gradient backward. */
        STRAIGHT_THROUGH
    }

    private final Variant variant;
    private final TemperatureSchedule schedule;

    public BinaryConcreteBridge(Variant variant, TemperatureSchedule schedule, long seed) {
        super(seed);
        if (variant == null || schedule == null) {
            throw new IllegalArgumentException("a binary concrete bridge needs a variant and a temperature schedule");
        }
        this.variant = variant;
        this.schedule = schedule;
    }

    public Variant variant() {
        return variant;
    }

    /** The temperature of the current step. */
    public double temperature() {
        return schedule.at(step());
    }

    @Override
    public Tensor forward(Tensor logits, Tensor u) {
        if (!Autograd.isGradEnabled()) {
            return BernoulliSample.draw(logits, u);
        }
        Tensor perturbed = BernoulliSample.perturb(logits, u);
        Tensor relaxed = perturbed.div((float) temperature()).sigmoid();
        if (variant == Variant.RELAXED) {
            return relaxed;
        }
        Tensor sample = HardOutput.of(hardFunction(), perturbed);
        if (!relaxed.requiresGrad()) {
            return sample;
        }
        return CustomFunction.apply("binary-concrete-straight-through", new Tensor[]{relaxed}, in -> sample,
                gradOutput -> new Tensor[]{gradOutput});
    }

    @Override
    public Tensor auxiliaryLoss() {
        return null;
    }
}
