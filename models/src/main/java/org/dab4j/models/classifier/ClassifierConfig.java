package org.dab4j.models.classifier;

import static org.dab4j.models.train.ConfigChecks.requireDabWeight;
import static org.dab4j.models.train.ConfigChecks.requireLearningRate;
import static org.dab4j.models.train.ConfigChecks.requirePositive;

/**
 * The settings of one classifier run.
 *
 * @param architecture        the network: MLP or CNN
 * @param activation          the hidden activation: a hard function or a differentiable reference
 * @param estimator           how gradients cross a hard activation (ignored by a differentiable one)
 * @param approximatorHidden  hidden units of the DAB approximator of a dense layer; a convolution's per-position
 *                            approximator has {@link ClassifierModel#POSITION_APPROXIMATOR_HIDDEN}
 * @param steps               optimisation steps
 * @param batch               images per training batch
 * @param lr                  Adam's learning rate
 * @param gamma               the weight of the DAB loss
 * @param seed                seeds the weights and the batch order
 */
public record ClassifierConfig(Architecture architecture, Activation activation, Estimator estimator,
                               int approximatorHidden, int steps, int batch, double lr, double gamma, long seed) {
    public ClassifierConfig {
        requirePositive("approximatorHidden", approximatorHidden);
        requirePositive("steps", steps);
        requirePositive("batch", batch);
        requireLearningRate(lr);
        requireDabWeight(gamma);
    }

    /** The estimator's name, or {@code none} for a differentiable activation. */
    public String estimatorName() {
        return activation.isHard() ? estimator.cliName() : "none";
    }
}
