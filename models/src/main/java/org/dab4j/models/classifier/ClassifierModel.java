package org.dab4j.models.classifier;

import java.util.ArrayList;
import java.util.List;

import org.dab4j.bridge.Approximators;
import org.dab4j.bridge.Bridges;
import org.dab4j.bridge.DabBridge;
import org.dab4j.bridge.StraightThroughBridge;
import org.dab4j.nn.Conv2d;
import org.dab4j.nn.Init;
import org.dab4j.nn.Linear;
import org.dab4j.nn.Losses;
import org.dab4j.nn.MaxPool2d;
import org.dab4j.nn.Module;
import org.dab4j.nn.ReLU;
import org.dab4j.nn.Sequential;
import org.dab4j.nn.Tanh;
import org.dab4j.tensor.Backend;
import org.dab4j.tensor.Tensor;

/**
 * An image classifier whose hidden activations are all the same function: a hard one crossed by an
 * estimator, or tanh or ReLU as a differentiable reference. Every activation acts on standardized features
 * ({@link Standardize}: each feature at mean 0 and variance 1 over the batch, a batch norm without affine
 * parameters), which keeps the scale that a hard function and its approximator see fixed.
 *
 * <ul>
 *   <li>MLP: pixels → 512 → 512 → classes. After a dense layer a hard function acts on the layer's standardized
 *       features (the sort non-linearity sorts all 512), and a DAB approximator is a dense network width → H → width
 *       over the whole layer (tanh hidden layer, H = {@code approximatorHidden}).</li>
 *   <li>CNN: [3x3 conv, padding 1, 16 channels → activation → 2x2 max pool] → the same with 32 channels →
 *       dense 128 → activation → classes. After a convolution the activation acts across the standardized
 *       channels of each pixel ({@link PerPosition}): sorting sorts the 16 or 32 channel values of a pixel (a GroupSort with one
 *       group), top-k keeps the larger half of them; the DAB approximator is one network channels →
 *       {@value #POSITION_APPROXIMATOR_HIDDEN} → channels shared by all pixels, so its DAB loss is the squared
 *       error per pixel, averaged over pixels and images. The dense hidden layer is treated as in the MLP.</li>
 * </ul>
 * Weights are He-initialised for ReLU and Glorot-initialised otherwise.
 */
public final class ClassifierModel extends Module {
    static final int MLP_HIDDEN = 512;
    static final int[] CNN_CHANNELS = {16, 32};
    static final int CNN_HIDDEN = 128;
    /** Hidden units of the per-pixel approximator after a convolution. */
    public static final int POSITION_APPROXIMATOR_HIDDEN = 32;

    private final Backend backend;
    private final ClassifierConfig config;
    private final int rows;
    private final int cols;
    private final Module network;
    /** The seed of each layer comes next in the stream; each approximator starts this far apart from others. */
    private static final long APPROXIMATOR_SEEDS = 1000;
    private long nextSeed;
    private int bridges;
    private final List<Standardize> standardizers = new ArrayList<>();

    /** A classifier of {@code rows x cols} greyscale images into {@code classes} classes. */
    public ClassifierModel(Backend backend, int rows, int cols, int classes, ClassifierConfig config) {
        if (rows < 1 || cols < 1 || classes < 2) {
            throw new IllegalArgumentException("a classifier needs images of at least 1x1 and 2 classes, got "
                    + rows + "x" + cols + " and " + classes + " classes");
        }
        if (config.architecture() == Architecture.CNN && (rows < 4 || cols < 4)) {
            throw new IllegalArgumentException("the CNN pools twice by 2, so it needs images of at least 4x4, got "
                    + rows + "x" + cols);
        }
        this.backend = backend;
        this.config = config;
        this.rows = rows;
        this.cols = cols;
        this.nextSeed = config.seed();
        network = register("net", switch (config.architecture()) {
            case MLP -> mlp(classes);
            case CNN -> cnn(classes);
        });
    }

    private Module mlp(int classes) {
        int pixels = rows * cols;
        List<Module> layers = new ArrayList<>();
        addHidden(layers, pixels, MLP_HIDDEN);
        addHidden(layers, MLP_HIDDEN, MLP_HIDDEN);
        layers.add(dense(MLP_HIDDEN, classes, false));
        return new Sequential(layers.toArray(Module[]::new));
    }

    private Module cnn(int classes) {
        List<Module> layers = new ArrayList<>();
        layers.add(new Reshape(1, rows, cols));
        int channels = 1;
        for (int out : CNN_CHANNELS) {
            layers.add(new Conv2d(backend, channels, out, 3, 1, 1, init(), nextSeed++));
            layers.add(positionActivation(out));
            layers.add(new MaxPool2d(2));
            channels = out;
        }
        int features = channels * (rows / 4) * (cols / 4);
        layers.add(new Reshape(features));
        addHidden(layers, features, CNN_HIDDEN);
        layers.add(dense(CNN_HIDDEN, classes, false));
        return new Sequential(layers.toArray(Module[]::new));
    }

    private Init init() {
        return config.activation() == Activation.RELU ? Init.KAIMING_UNIFORM : Init.XAVIER_UNIFORM;
    }

    private Linear dense(int in, int out, boolean hidden) {
        return new Linear(backend, in, out, hidden ? init() : Init.XAVIER_UNIFORM, nextSeed++);
    }

    /** A dense hidden layer, then its activation over the layer's standardized features. */
    private void addHidden(List<Module> layers, int in, int out) {
        layers.add(dense(in, out, true));
        layers.add(activation(out, config.approximatorHidden()));
    }

    /** After a convolution: the activation across the standardized channels of every pixel. */
    private Module positionActivation(int channels) {
        return new PerPosition(activation(channels, POSITION_APPROXIMATOR_HIDDEN));
    }

    /** Standardization of rows of {@code width} features, then the differentiable activation or the bridge. */
    private Module activation(int width, int approximatorHidden) {
        Module act = switch (config.activation()) {
            case RELU -> new ReLU();
            case TANH -> new Tanh();
            default -> bridge(width, approximatorHidden);
        };
        Standardize standardize = new Standardize(backend, width);
        standardizers.add(standardize);
        return new Sequential(standardize, act);
    }

    private Module bridge(int width, int approximatorHidden) {
        return switch (config.estimator()) {
            case DAB -> new DabBridge(config.activation().hardFunction(width),
                    Approximators.dense(backend, config.seed() + APPROXIMATOR_SEEDS * ++bridges, width,
                            approximatorHidden, width));
            case STE -> new StraightThroughBridge(config.activation().hardFunction(width));
        };
    }

    /** Releases the parameters and the standardizers' running averages. */
    public void release() {
        parameters().forEach(Tensor::release);
        standardizers.forEach(Standardize::release);
    }

    /** Logits {@code [batch, classes]} for images {@code [batch, rows * cols]}. */
    @Override
    public Tensor forward(Tensor images) {
        if (images.shape().rank() != 2 || images.shape().dim(1) != rows * cols) {
            throw new IllegalArgumentException("the classifier expects images [batch, " + rows * cols + "], got "
                    + images.shape());
        }
        return network.forward(images);
    }

    /** The two terms of the training loss, batch-averaged. */
    public record Loss(Tensor total, Tensor task, Tensor dab) {
    }

    /** Mean cross-entropy plus {@code gamma} times the DAB loss (averaged over the bridges), from a grad-mode forward. */
    public Loss loss(Tensor logits, Tensor labels, float gamma) {
        Tensor task = Losses.crossEntropy(logits, labels, 1).mean();
        Tensor dab = Bridges.dabLoss(this);
        Tensor total = dab == null ? task : task.add(dab.mul(gamma));
        return new Loss(total, task, dab);
    }

    /** Reshapes each sample to the given dimensions, the batch axis kept. */
    private static final class Reshape extends Module {
        private final int[] sample;

        Reshape(int... sample) {
            this.sample = sample.clone();
        }

        @Override
        public Tensor forward(Tensor x) {
            int[] dims = new int[sample.length + 1];
            dims[0] = x.shape().dim(0);
            System.arraycopy(sample, 0, dims, 1, sample.length);
            return x.reshape(dims);
        }
    }
}
