package org.dab4j.models.vae;

import static org.dab4j.models.train.ConfigChecks.requireDabWeight;
import static org.dab4j.models.train.ConfigChecks.requireLearningRate;
import static org.dab4j.models.train.ConfigChecks.requirePositive;
import static org.dab4j.models.train.ConfigChecks.requireTemperatures;

/**
 * The settings of one VAE run.
 *
 * @param architecture       linear or nonlinear
 * @param estimator          how gradients cross the Bernoulli latents
 * @param latents            Bernoulli latent units
 * @param hidden             units of each deterministic tanh layer (nonlinear model only)
 * @param approximatorHidden units of each of the two hidden layers of the DAB approximator, a 1 → h → h → 1
 *                           tanh network shared by all latent units
 * @param steps              optimisation steps
 * @param batch              images per training batch
 * @param lr                 Adam's learning rate
 * @param gamma              the weight of the DAB loss
 * @param tauStart           the binary concrete temperature at step 0
 * @param tauMin             the temperature reached at the last step (annealed exponentially)
 * @param baselineDecay      the REINFORCE baseline's moving-average decay
 * @param evalSamples        latent samples per test image for the test ELBO
 * @param iwSamples          importance samples per test image for the log-likelihood estimate
 * @param testBinarizationSeed seeds the one fixed binarization of the test images, the same for every run
 * @param seed               seeds the weights, the batches, their binarization and the latent noise
 */
public record VaeConfig(VaeArchitecture architecture, VaeEstimator estimator, int latents, int hidden,
                        int approximatorHidden, int steps, int batch, double lr, double gamma, double tauStart,
                        double tauMin, double baselineDecay, int evalSamples, int iwSamples, long testBinarizationSeed,
                        long seed) {
    public VaeConfig {
        requirePositive("latents", latents);
        requirePositive("hidden", hidden);
        requirePositive("approximatorHidden", approximatorHidden);
        requirePositive("steps", steps);
        requirePositive("batch", batch);
        requirePositive("evalSamples", evalSamples);
        requirePositive("iwSamples", iwSamples);
        requireLearningRate(lr);
        requireDabWeight(gamma);
        requireTemperatures(tauStart, tauMin);
        if (!(baselineDecay >= 0 && baselineDecay < 1)) {
            throw new IllegalArgumentException("baselineDecay must be in [0, 1), got " + baselineDecay);
        }
    }
}
