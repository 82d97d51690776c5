package org.dab4j.models.autoencoder;

import org.dab4j.tensor.UnaryOp;

import java.util.List;

import static org.dab4j.models.train.ConfigChecks.requireDabWeight;
import static org.dab4j.models.train.ConfigChecks.requireLearningRate;
import static org.dab4j.models.train.ConfigChecks.requirePositive;
import static org.dab4j.models.train.ConfigChecks.requireTemperatures;

/**
 * The settings of one autoencoder run.
 *
 * @param layout             the bottleneck: code type, width, groups and capacity
 * @param estimator          how gradients cross the bottleneck
 * @param hidden             units in each of the two hidden layers of encoder and decoder
 * @param activation         the hidden layers' activation: RELU or TANH
 * @param groupedApproximator whether the DAB approximator is one small network shared by the code's groups
 *                           ({@link GroupedApproximator}) rather than one dense network over the whole code
 * @param approximatorHidden hidden units of the DAB approximator (tanh)
 * @param steps              optimisation steps
 * @param batch              images per training batch
 * @param lr                 Adam's learning rate
 * @param gamma              the weight of the DAB loss
 * @param tauStart           the Gumbel-Softmax temperature at step 0
 * @param tauMin             the temperature reached at the last step (annealed exponentially)
 * @param probeEpochs        epochs of the logistic-regression probe on the frozen training codes
 * @param seed               seeds the weights, the batch order, the noise and the probe
 */
public record AutoencoderConfig(CodeLayout layout, Estimator estimator, int hidden, UnaryOp activation,
                                boolean groupedApproximator, int approximatorHidden, int steps, int batch, double lr, double gamma,
                                double tauStart, double tauMin, int probeEpochs, long seed) {
    /** The activations the hidden layers may use. */
    public static final List<UnaryOp> ACTIVATIONS = List.of(UnaryOp.RELU, UnaryOp.TANH);

    public AutoencoderConfig {
        if (estimator.isGumbel() && layout.type() != CodeType.ONEHOT) {
            throw new IllegalArgumentException("estimator " + estimator.cliName()
                    + " samples categories, so it needs the onehot code, not " + layout.type().cliName());
        }
        if (!ACTIVATIONS.contains(activation)) {
            throw new IllegalArgumentException("activation must be one of " + ACTIVATIONS + ", got " + activation);
        }
        requirePositive("hidden", hidden);
        requirePositive("approximatorHidden", approximatorHidden);
        requirePositive("steps", steps);
        requirePositive("batch", batch);
        requirePositive("probeEpochs", probeEpochs);
        requireLearningRate(lr);
        requireDabWeight(gamma);
        requireTemperatures(tauStart, tauMin);
    }
}
