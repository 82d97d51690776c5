package org.dab4j.models.vae;

import java.util.List;

import org.dab4j.autograd.Ops;
import org.dab4j.bridge.Approximators;
import org.dab4j.bridge.BernoulliDabBridge;
import org.dab4j.bridge.BernoulliStraightThroughBridge;
import org.dab4j.bridge.BinaryConcreteBridge;
import org.dab4j.bridge.ReinforceBridge;
import org.dab4j.bridge.StochasticBinaryBridge;
import org.dab4j.bridge.TemperatureSchedule;
import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Module;
import org.dab4j.nn.Sequential;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.UnaryOp;

/**
 * A VAE with one layer of Bernoulli latents and a factorised Bernoulli(1/2) prior: an encoder from pixels to
 * latent logits, a {@link StochasticBinaryBridge} that samples the latents with the chosen estimator, and a
 * decoder from latents to pixel logits read as independent Bernoulli pixels. Linear: one linear map each way;
 * nonlinear: {@code pixels → H → H → latents} and {@code latents → H → H → pixels} with tanh hidden layers.
 */
public final class VaeModel extends Module {
    private static final double LOG_2 = Math.log(2);

    private final int latents;
    private final Sequential encoder;
    private final StochasticBinaryBridge bridge;
    private final Sequential decoder;
    private final Linear decoderOutput;

    /**
     * @param outputBias the decoder's initial output bias, one log-odds per pixel (e.g. the data's
     *                   {@link PixelMarginal#logits()}), so training starts from the marginal model
     */
    public VaeModel(Backend backend, int pixels, VaeConfig config, float[] outputBias) {
        if (outputBias.length != pixels) {
            throw new IllegalArgumentException("VAE: " + outputBias.length + " output biases for " + pixels + " pixels");
        }
        this.latents = config.latents();
        long seed = config.seed();
        int hidden = config.hidden();
        if (config.architecture() == VaeArchitecture.LINEAR) {
            encoder = register("encoder", new Sequential(new Linear(backend, pixels, latents, Init.XAVIER_UNIFORM, seed)));
            decoderOutput = new Linear(backend, latents, pixels, Init.XAVIER_UNIFORM, seed + 1);
            decoder = register("decoder", new Sequential(decoderOutput));
        } else {
            encoder = register("encoder", new Sequential(
                    new Linear(backend, pixels, hidden, Init.XAVIER_UNIFORM, seed, UnaryOp.TANH),
                    new Linear(backend, hidden, hidden, Init.XAVIER_UNIFORM, seed + 2, UnaryOp.TANH),
                    new Linear(backend, hidden, latents, Init.XAVIER_UNIFORM, seed + 3)));
            decoderOutput = new Linear(backend, hidden, pixels, Init.XAVIER_UNIFORM, seed + 1);
            decoder = register("decoder", new Sequential(
                    new Linear(backend, latents, hidden, Init.XAVIER_UNIFORM, seed + 4, UnaryOp.TANH),
                    new Linear(backend, hidden, hidden, Init.XAVIER_UNIFORM, seed + 5, UnaryOp.TANH),
                    decoderOutput));
        }
        backend.upload(outputBias, 0, decoderOutput.bias().storage(), 0, pixels);
        long noiseSeed = seed + 20;
        bridge = register("bridge", switch (config.estimator()) {
            case DAB -> new BernoulliDabBridge(Approximators.elementwiseShared(backend, seed + 10,
                    config.approximatorHidden(), config.approximatorHidden()), noiseSeed);
            case STE -> new BernoulliStraightThroughBridge(noiseSeed);
            case GUMBEL, GUMBEL_ST -> new BinaryConcreteBridge(config.estimator() == VaeEstimator.GUMBEL
                    ? BinaryConcreteBridge.Variant.RELAXED : BinaryConcreteBridge.Variant.STRAIGHT_THROUGH,
                    TemperatureSchedule.annealed(config.tauStart(), config.tauMin(), config.steps()), noiseSeed);
            case REINFORCE -> new ReinforceBridge(config.baselineDecay(), noiseSeed);
        });
    }

    /** The encoder's weights and biases, in registration order. */
    public List<Tensor> encoderParameters() {
        return encoder.parameters();
    }

    public StochasticBinaryBridge bridge() {
        return bridge;
    }

    public int latents() {
        return latents;
    }

    /** Latent logits for binary images {@code [batch, pixels]}. */
    public Tensor encode(Tensor images) {
        return encoder.forward(images);
    }

    /** Pixel logits decoded from latents {@code [batch, latents]}. */
    public Tensor decode(Tensor latentValues) {
        return decoder.forward(latentValues);
    }

    /** Pixel logits of a sampled (training) pass through the bridge. */
    @Override
    public Tensor forward(Tensor images) {
        return decode(bridge.forward(encode(images)));
    }

    /** {@code -log p(x | z)} per image, {@code [batch]}: the Bernoulli pixels' cross-entropy summed over pixels. */
    public static Tensor reconstruction(Tensor pixelLogits, Tensor images) {
        return Ops.binaryCrossEntropyWithLogits(pixelLogits, images).sum(1);
    }

    /**
     * {@code KL(q(z | x) || Bernoulli(1/2)^n)} per image in closed form, {@code [batch]}: for {@code q = sigmoid(l)}
     * each unit adds {@code q log q + (1 - q) log(1 - q) + log 2}, which is {@code log 2 - bce(l, sigmoid(l))}.
     */
    public static Tensor klToUniformPrior(Tensor logits) {
        int units = logits.shape().dim(1);
        return Ops.binaryCrossEntropyWithLogits(logits, logits.sigmoid()).sum(1).neg().add((float) (units * LOG_2));
    }

    /**
     * {@code log p(x, z) - log q(z | x)} per image for a hard sample z: the importance weight of z in log space,
     * {@code -reconstruction - n log 2 - log q(z | x)}, where {@code -log q(z | x)} is the cross-entropy of the
     * sample against the latent logits, summed over units.
     */
    public Tensor logImportanceWeight(Tensor images, Tensor logits, Tensor sample) {
        Tensor negativeLogQ = Ops.binaryCrossEntropyWithLogits(logits, sample).sum(1);
        return reconstruction(decode(sample), images).neg().sub((float) (latents * LOG_2)).add(negativeLogQ);
    }
}
