package org.dab4j.models.vae;

import org.dab4j.autograd.Autograd;
import org.dab4j.bridge.BernoulliSample;
import org.dab4j.bridge.BinaryConcreteBridge;
import org.dab4j.bridge.Bridges;
import org.dab4j.bridge.ReinforceBridge;
import org.dab4j.models.autoencoder.ReconstructionGrid;
import org.dab4j.models.data.ImageDataset;
import org.dab4j.models.data.LabelledImages;
import org.dab4j.models.train.TrainingDivergedException;
import org.dab4j.models.train.TrainingTask;
import org.dab4j.optim.Adam;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.CounterRandom;
import org.dab4j.tensor.Shape;
import org.dab4j.tensor.Tensor;
import org.dab4j.tensor.TensorScope;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discrete VAE experiment as a {@link TrainingTask}: random mini-batches of training images (drawn with
 * replacement from a counter stream, so step s's batch is a pure function of the seed and s), binarized afresh
 * at every step; Adam on the negative ELBO (reconstruction + closed-form KL, nats per image, batch mean) plus
 * gamma × the DAB loss for DAB. Evaluation: the test ELBO on the fixed binarization of the test set, averaged
 * over {@code evalSamples} latent samples per image; after training, {@link #importanceWeighted} estimates
 * {@code log p(x)}.
 *
 * <p>A NaN or infinite term stops the step before the optimizer touches the weights, with a
 * {@link TrainingDivergedException} naming the step and the term.
 */
public final class VaeTask implements TrainingTask {
    private static final int CHUNK = 500;
    /** Keep the random streams of batches, binarization and evaluation noise apart from each other and the weights'. */
    private static final long BATCH_STREAM = 0x4241544348L;
    private static final long BINARIZE_STREAM = 0x42494e4152L;
    private static final long EVAL_STREAM = 0x4556414cL;
    private static final long IW_STREAM = 0x49574145L;
    private static final long PRIOR_STREAM = 0x5052494fL;

    private final Backend backend;
    private final ImageDataset data;
    private final VaeConfig config;
    private final VaeModel model;
    private final Adam optimizer;
    private final float[] testImages;
    private final PixelMarginal marginal;

    private VaeTask(Backend backend, ImageDataset data, VaeConfig config) {
        if (data.train().count() < config.batch()) {
            throw new IllegalArgumentException("the batch of " + config.batch() + " images is larger than the "
                    + data.train().count() + " training images");
        }
        this.backend = backend;
        this.data = data;
        this.config = config;
        int pixels = data.pixelsPerImage();
        this.marginal = PixelMarginal.fit(data.train().pixels(LabelledImages.range(0, data.train().count())), pixels);
        this.testImages = Binarization.sample(data.test().pixels(LabelledImages.range(0, data.test().count())),
                config.testBinarizationSeed());
        this.model = new VaeModel(backend, pixels, config, marginal.logits());
        this.optimizer = new Adam(model.parameters(), (float) config.lr());
    }

    public static VaeTask create(Backend backend, ImageDataset data, VaeConfig config) {
        return new VaeTask(backend, data, config);
    }

    public VaeModel model() {
        return model;
    }

    /** The test log-likelihood of the pixel-marginal baseline, nats per image, on the same binarized test set. */
    public double pixelMarginalLogLikelihood() {
        return marginal.logLikelihood(testImages);
    }

    @Override
    public Map<String, Double> step(int step) {
        model.bridge().startStep(step);
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (var _ = TensorScope.open()) {
            Tensor images = Tensor.of(backend, trainingBatch(step), config.batch(), data.pixelsPerImage());
            Tensor total = trainingLoss(images, step, metrics, true);
            optimizer.zeroGrad();
            total.backward();
            optimizer.step();
        }
        if (model.bridge() instanceof BinaryConcreteBridge concrete) {
            metrics.put("temperature", concrete.temperature());
        }
        return metrics;
    }

    /**
     * The training loss of one sampled pass over {@code images}: the negative ELBO's batch mean, plus gamma times
     * the DAB loss (DAB), with the REINFORCE learning signal set (and its baseline updated only if
     * {@code updateBaseline}); the terms go into {@code metrics}. A non-finite term stops with an error naming
     * {@code step} and the term.
     */
    private Tensor trainingLoss(Tensor images, int step, Map<String, Double> metrics, boolean updateBaseline) {
        Tensor logits = model.encode(images);
        Tensor reconstruction = VaeModel.reconstruction(model.decode(model.bridge().forward(logits)), images);
        Tensor kl = VaeModel.klToUniformPrior(logits);
        Tensor total = reconstruction.add(kl).mean();
        Tensor dab = Bridges.dabLoss(model);
        double reconstructionValue = requireFinite(step, "reconstruction", reconstruction.mean().item());
        double klValue = requireFinite(step, "KL", kl.mean().item());
        if (dab != null) {
            metrics.put("train_dab_loss", requireFinite(step, "DAB loss", dab.item()));
            total = total.add(dab.mul((float) config.gamma()));
        }
        if (model.bridge() instanceof ReinforceBridge reinforce) {
            reinforce.setLearningSignal(reconstruction, updateBaseline);
            metrics.put("train_baseline", reinforce.baseline());
        }
        metrics.put("train_elbo", -(reconstructionValue + klValue));
        metrics.put("train_reconstruction", reconstructionValue);
        metrics.put("train_kl", klValue);
        return total;
    }

    /**
     * How noisy the estimator's gradient for the encoder is: the training loss's gradient with respect to the
     * encoder's parameters, computed {@code repeats} times on one fixed batch (the first {@link VaeConfig#batch()}
     * test images, with the evaluation's fixed binarization) with fresh latent noise each time, nothing updated
     * (REINFORCE's baseline included). Returns {@code test_encoder_grad_variance}, the variance across repeats
     * summed over all encoder weights (the trace of the gradient's covariance),
     * {@code test_encoder_grad_mean_norm2}, the squared norm of the mean gradient, and
     * {@code test_encoder_grad_snr}, the second over the first. Biased estimators (all but REINFORCE) have
     * different means, so compare their variances with that in mind.
     */
    public Map<String, Double> encoderGradientStatistics(int repeats) {
        if (repeats < 2) {
            throw new IllegalArgumentException("a gradient variance needs at least 2 repeats, got " + repeats);
        }
        int pixels = data.pixelsPerImage();
        int n = Math.min(config.batch(), data.test().count());
        List<Tensor> weights = model.encoderParameters();
        int total = 0;
        for (Tensor w : weights) {
            total += w.size();
        }
        double[] sum = new double[total];
        double[] sumOfSquares = new double[total];
        for (int r = 0; r < repeats; r++) {
            // Steps past the last are never training steps: fresh noise, the same for the same seed, and the
            // final temperature of an annealed relaxation.
            int step = config.steps() + 1 + r;
            model.bridge().startStep(step);
            try (var _ = TensorScope.open()) {
                Tensor loss = trainingLoss(testChunk(0, n, pixels), step, new LinkedHashMap<>(), false);
                optimizer.zeroGrad();
                loss.backward();
                int offset = 0;
                for (Tensor w : weights) {
                    float[] g = w.grad().toArray();
                    for (int i = 0; i < g.length; i++) {
                        sum[offset + i] += g[i];
                        sumOfSquares[offset + i] += (double) g[i] * g[i];
                    }
                    offset += g.length;
                }
            }
        }
        optimizer.zeroGrad();
        double variance = 0;
        double meanNorm2 = 0;
        for (int i = 0; i < total; i++) {
            double mean = sum[i] / repeats;
            meanNorm2 += mean * mean;
            variance += Math.max(0, (sumOfSquares[i] - repeats * mean * mean) / (repeats - 1));
        }
        Map<String, Double> statistics = new LinkedHashMap<>();
        statistics.put("test_encoder_grad_variance", variance);
        statistics.put("test_encoder_grad_mean_norm2", meanNorm2);
        statistics.put("test_encoder_grad_snr", meanNorm2 / variance);
        return statistics;
    }

    private static double requireFinite(int step, String term, double value) {
        if (!Double.isFinite(value)) {
            throw new TrainingDivergedException(step, "the " + term + " term of the training loss", value);
        }
        return value;
    }

    /** Training batch {@code step}: random rows (with replacement), each pixel binarized afresh. */
    private float[] trainingBatch(int step) {
        int count = data.train().count();
        long rowStream = CounterRandom.bits(config.seed() ^ BATCH_STREAM, step);
        int[] rows = new int[config.batch()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (int) Long.remainderUnsigned(CounterRandom.bits(rowStream, i), count);
        }
        return Binarization.sample(data.train().pixels(rows), CounterRandom.bits(config.seed() ^ BINARIZE_STREAM, step));
    }

    /**
     * The test ELBO (nats per image, {@code evalSamples} hard latent samples per image from fixed noise, the
     * same at every evaluation) and its two terms.
     */
    @Override
    public Map<String, Double> evaluate() {
        int count = data.test().count();
        int pixels = data.pixelsPerImage();
        double reconstruction = 0;
        double kl = 0;
        try (var _ = Autograd.noGrad()) {
            for (int start = 0; start < count; start += CHUNK) {
                int n = Math.min(CHUNK, count - start);
                try (var _ = TensorScope.open()) {
                    Tensor images = testChunk(start, n, pixels);
                    Tensor logits = model.encode(images);
                    kl += VaeModel.klToUniformPrior(logits).sum().item();
                    for (int s = 0; s < config.evalSamples(); s++) {
                        Tensor u = Tensor.uniform(backend, logits.shape(), CounterRandom.bits(EVAL_STREAM, (long) start * config.evalSamples() + s));
                        Tensor sample = BernoulliSample.draw(logits, u);
                        reconstruction += VaeModel.reconstruction(model.decode(sample), images).sum().item() / config.evalSamples();
                    }
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test_elbo", -(reconstruction + kl) / count);
        metrics.put("test_reconstruction", reconstruction / count);
        metrics.put("test_kl", kl / count);
        return metrics;
    }

    /**
     * The importance-weighted estimate of {@code log p(x)} (Burda et al. 2016) with {@code iwSamples} samples from
     * q per image, {@code log (1/k) sum_k p(x, z_k) / q(z_k | x)}, averaged over the first {@code imageCount} test
     * images (nats per image). It lower-bounds {@code log p(x)} in expectation and tightens as k grows.
     */
    public double importanceWeighted(int imageCount) {
        int count = Math.min(imageCount, data.test().count());
        if (count < 1) {
            throw new IllegalArgumentException("the importance-weighted estimate needs at least one image, got " + imageCount);
        }
        int k = config.iwSamples();
        int pixels = data.pixelsPerImage();
        double total = 0;
        try (var _ = Autograd.noGrad()) {
            for (int start = 0; start < count; start += CHUNK) {
                int n = Math.min(CHUNK, count - start);
                double[] max = new double[n];
                double[][] weights = new double[k][];
                try (var _ = TensorScope.open()) {
                    Tensor images = testChunk(start, n, pixels);
                    Tensor logits = model.encode(images);
                    Arrays.fill(max, Double.NEGATIVE_INFINITY);
                    for (int s = 0; s < k; s++) {
                        try (var _ = TensorScope.open()) {
                            Tensor u = Tensor.uniform(backend, logits.shape(), CounterRandom.bits(IW_STREAM, (long) start * k + s));
                            float[] w = model.logImportanceWeight(images, logits, BernoulliSample.draw(logits, u)).toArray();
                            weights[s] = new double[n];
                            for (int i = 0; i < n; i++) {
                                weights[s][i] = w[i];
                                max[i] = Math.max(max[i], w[i]);
                            }
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int s = 0; s < k; s++) {
                        sum += Math.exp(weights[s][i] - max[i]);
                    }
                    total += max[i] + Math.log(sum / k);
                }
            }
        }
        return total / count;
    }

    private Tensor testChunk(int start, int n, int pixels) {
        float[] chunk = new float[n * pixels];
        System.arraycopy(testImages, start * pixels, chunk, 0, chunk.length);
        return Tensor.of(backend, chunk, n, pixels);
    }

    /**
     * A PNG of the first {@code count} binarized test images over their reconstructions: the decoder's pixel
     * probabilities for one latent sample from q.
     */
    public byte[] reconstructionGrid(int count, int perRow) {
        int n = Math.min(count, data.test().count());
        int pixels = data.pixelsPerImage();
        float[] originals = new float[n * pixels];
        System.arraycopy(testImages, 0, originals, 0, originals.length);
        float[] reconstructions;
        try (var _ = Autograd.noGrad(); var _ = TensorScope.open()) {
            Tensor images = Tensor.of(backend, originals, n, pixels);
            Tensor logits = model.encode(images);
            Tensor u = Tensor.uniform(backend, logits.shape(), EVAL_STREAM);
            reconstructions = model.decode(BernoulliSample.draw(logits, u)).sigmoid().toArray();
        }
        return ReconstructionGrid.png(originals, reconstructions, n, data.rows(), data.cols(), perRow);
    }

    /**
     * A PNG of the decoder's pixel probabilities for {@code 2 * pairs} latent vectors drawn from the prior,
     * laid out as the reconstruction grid lays out its pairs of rows.
     */
    public byte[] priorSamplesGrid(int pairs, int perRow) {
        float[] samples;
        try (var _ = Autograd.noGrad(); var _ = TensorScope.open()) {
            Tensor u = Tensor.uniform(backend, Shape.of(2 * pairs, model.latents()), PRIOR_STREAM);
            samples = model.decode(u.lt(0.5f)).sigmoid().toArray();
        }
        int half = pairs * data.pixelsPerImage();
        return ReconstructionGrid.png(Arrays.copyOfRange(samples, 0, half),
                Arrays.copyOfRange(samples, half, 2 * half), pairs, data.rows(), data.cols(), perRow);
    }

    @Override
    public int batchSize() {
        return config.batch();
    }

    @Override
    public void close() {
        model.parameters().forEach(Tensor::release);
    }
}
