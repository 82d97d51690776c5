package org.dab4j.bridge;

import org.dab4j.autograd.Autograd;
import org.dab4j.autograd.CustomFunction;
import org.dab4j.tensor.CounterRandom;
import org.dab4j.tensor.Tensor;

/**
 * The Gumbel-Softmax estimator (Jang et al. 2017; Maddison et al. 2017) for categorical codes: logits whose
 * last axis holds {@code groups} groups of categories. In training, each group is sampled as
 * {@code y = softmax((logits + g) / tau)} with Gumbel noise {@code g = -log(-log(u))}, {@code u ~ U(0, 1)},
 * and the temperature {@code tau} from a {@link TemperatureSchedule}; then
 * <ul>
 *   <li>{@link Variant#SOFT} outputs the relaxed sample y itself (so, unlike the other bridges, its
 *       training output is not a hard code), and</li>
 *   <li>{@link Variant#STRAIGHT_THROUGH} outputs the one-hot argmax of y and passes the gradient to y
 *       unchanged, from where it flows through the softmax: {@code onehot(y) + y - stopGradient(y)}.</li>
 * </ul>
 * Without grad (inference) both output the hard code {@link OneHotArgmax} of the logits, with no noise. There
 * is no auxiliary loss.
 *
 * <p>The noise is reproducible: call {@link #anneal(long)} with the training step before each step; the
 * d-th draw after it comes from the counter stream {@code bits(bits(seed, step), d)} of {@link CounterRandom}.
 */
public final class GumbelSoftmaxBridge extends Bridge {
    /** Keeps {@code -log(-log(u))} finite at u = 0 and just below 1. */
    private static final float NOISE_EPS = 1e-10f;

    /** Which Gumbel-Softmax estimator. */
    public enum Variant {
        /** The relaxed sample forward, its exact gradient backward. */
        SOFT,
        /** The one-hot argmax of the relaxed sample forward, the relaxed sample's gradient backward. */
        STRAIGHT_THROUGH
    }

    private final OneHotArgmax oneHot;
    private final Variant variant;
    private final TemperatureSchedule schedule;
    private final long seed;
    private long step;
    private long draws;

    public GumbelSoftmaxBridge(int groups, Variant variant, TemperatureSchedule schedule, long seed) {
        this(new OneHotArgmax(groups), variant, schedule, seed);
    }

    private GumbelSoftmaxBridge(OneHotArgmax oneHot, Variant variant, TemperatureSchedule schedule, long seed) {
        super(oneHot);
        if (variant == null || schedule == null) {
            throw new IllegalArgumentException("a Gumbel-Softmax bridge needs a variant and a temperature schedule");
        }
        this.oneHot = oneHot;
        this.variant = variant;
        this.schedule = schedule;
        this.seed = seed;
    }

    public Variant variant() {
        return variant;
    }

    /** Moves to training step {@code step}: sets the temperature and starts that step's noise streams. */
    public void anneal(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("Gumbel-Softmax: step must be >= 0, got " + step);
        }
        this.step = step;
        this.draws = 0;
    }

    /** The temperature of the current step. */
    public double temperature() {
        return schedule.at(step);
    }

    @Override
    public Tensor forward(Tensor logits) {
        if (!Autograd.isGradEnabled()) {
            return HardOutput.of(oneHot, logits);
        }
        int categories = oneHot.categories(logits.shape());
        int rows = logits.size() / (oneHot.groups() * categories);
        Tensor u = Tensor.uniform(logits.backend(), logits.shape(), CounterRandom.bits(CounterRandom.bits(seed, step), draws++));
        Tensor gumbel = u.add(NOISE_EPS).log().neg().add(NOISE_EPS).log().neg();
        Tensor perturbed = logits.add(gumbel);
        Tensor relaxed = perturbed.div((float) temperature()).reshape(rows, oneHot.groups(), categories).softmax(2)
                .reshape(logits.shape().toArray());
        if (variant == Variant.SOFT) {
            return relaxed;
        }
        Tensor hard = HardOutput.of(oneHot, relaxed);
        if (!relaxed.requiresGrad()) {
            return hard;
        }
        return CustomFunction.apply("gumbel-straight-through", new Tensor[]{relaxed}, in -> hard,
                gradOutput -> new Tensor[]{gradOutput});
    }

    @Override
    public Tensor auxiliaryLoss() {
        return null;
    }
}
