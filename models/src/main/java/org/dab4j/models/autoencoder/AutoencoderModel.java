package org.dab4j.models.autoencoder;

import org.dab4j.bridge.Approximators;
import org.dab4j.bridge.Bridge;
import org.dab4j.bridge.Bridges;
import org.dab4j.bridge.DabBridge;
import org.dab4j.bridge.GumbelSoftmaxBridge;
import org.dab4j.bridge.HardFunction;
import org.dab4j.bridge.KMeansQuantizer;
import org.dab4j.bridge.OneHotArgmax;
import org.dab4j.bridge.Sign;
import org.dab4j.bridge.SignumWithMargin;
import org.dab4j.bridge.StraightThroughBridge;
import org.dab4j.bridge.TemperatureSchedule;
import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Losses;
import org.dab4j.nn.Module;
import org.dab4j.nn.Sequential;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.UnaryOp;

/**
 * A discrete-latent autoencoder: an MLP encoder {@code pixels → hidden → hidden → latent logits}, a bridge
 * around the bottleneck's hard function, and an MLP decoder {@code code → hidden → hidden → pixel logits}
 * read as independent Bernoulli pixels.
 */
public final class AutoencoderModel extends Module {
    private final CodeLayout layout;
    private final Sequential encoder;
    private final Bridge bridge;
    private final Sequential decoder;
    private final KMeansQuantizer quantizer;

    public AutoencoderModel(Backend backend, int pixels, AutoencoderConfig config) {
        this.layout = config.layout();
        long seed = config.seed();
        int hidden = config.hidden();
        int width = layout.width();
        UnaryOp activation = config.activation();
        Init init = activation == UnaryOp.RELU ? Init.KAIMING_UNIFORM : Init.XAVIER_UNIFORM;
        encoder = register("encoder", new Sequential(
                new Linear(backend, pixels, hidden, init, seed, activation),
                new Linear(backend, hidden, hidden, init, seed + 1, activation),
                new Linear(backend, hidden, width, Init.XAVIER_UNIFORM, seed + 2)));
        quantizer = layout.type() == CodeType.KMEANS
                ? register("quantizer", new KMeansQuantizer(backend, layout.alphabet(), layout.groupWidth(), seed + 3))
                : null;
        HardFunction hard = switch (layout.type()) {
            case ONEHOT -> new OneHotArgmax(layout.groups());
            case BINARY -> new Sign();
            case TERNARY -> new SignumWithMargin();
            case TOPK -> new TopKMask(layout.active());
            case KMEANS -> quantizer;
        };
        bridge = register("bridge", switch (config.estimator()) {
            case DAB -> new DabBridge(hard, config.groupedApproximator()
                    ? new GroupedApproximator(backend, seed + 10, layout.groupWidth(), config.approximatorHidden())
                    : Approximators.dense(backend, seed + 10, width, config.approximatorHidden(), width));
            case STE -> new StraightThroughBridge(hard);
            case GUMBEL, GUMBEL_ST -> new GumbelSoftmaxBridge(layout.groups(),
                    config.estimator() == Estimator.GUMBEL ? GumbelSoftmaxBridge.Variant.SOFT
                            : GumbelSoftmaxBridge.Variant.STRAIGHT_THROUGH,
                    TemperatureSchedule.annealed(config.tauStart(), config.tauMin(), config.steps()), seed + 20);
        });
        decoder = register("decoder", new Sequential(
                new Linear(backend, width, hidden, init, seed + 4, activation),
                new Linear(backend, hidden, hidden, init, seed + 5, activation),
                new Linear(backend, hidden, pixels, Init.XAVIER_UNIFORM, seed + 6)));
    }

    public CodeLayout layout() {
        return layout;
    }

    public Bridge bridge() {
        return bridge;
    }

    /** The encoder's latent logits for images {@code [batch, pixels]}. */
    public Tensor encode(Tensor images) {
        return encoder.forward(images);
    }

    /** The test-time code of latent logits: the bridge's hard function, never a relaxation. */
    public Tensor hardCode(Tensor latent) {
        return bridge.hardFunction().apply(latent.detach());
    }

    /** Pixel logits for images {@code [batch, pixels]}, through the bridge (relaxed in Gumbel-Softmax training). */
    @Override
    public Tensor forward(Tensor images) {
        return decoder.forward(bridge.forward(encode(images)));
    }

    /** Pixel logits decoded from codes. */
    public Tensor decode(Tensor codes) {
        return decoder.forward(codes);
    }

    /** The terms of the training loss, each a batch mean; {@code dab} and {@code codebook} are null when absent. */
    public record Loss(Tensor total, Tensor reconstruction, Tensor dab, Tensor codebook) {
    }

    /**
     * The negative Bernoulli log-likelihood in nats per image (binary cross-entropy summed over pixels),
     * plus {@code gamma} times the DAB loss and the k-means codebook loss when present. Call after a forward
     * pass in grad mode.
     */
    public Loss loss(Tensor pixelLogits, Tensor images, float gamma) {
        int pixels = images.shape().dim(1);
        Tensor reconstruction = Losses.bceWithLogits(pixelLogits, images).mul(pixels);
        Tensor dab = Bridges.dabLoss(this);
        Tensor codebook = quantizer != null ? quantizer.codebookLoss() : null;
        Tensor total = reconstruction;
        if (dab != null) {
            total = total.add(dab.mul(gamma));
        }
        if (codebook != null) {
            total = total.add(codebook);
        }
        return new Loss(total, reconstruction, dab, codebook);
    }
}
