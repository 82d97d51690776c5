package org.dab4j.models.vae;

/**
 * The trivial density model a VAE must beat: independent Bernoulli pixels whose probabilities are the mean
 * training intensities (the expected dynamically binarized pixel), smoothed as {@code (sum + 1) / (n + 2)} so
 * that no test pixel has probability 0.
 */
public final class PixelMarginal {
    private final double[] probabilities;

    private PixelMarginal(double[] probabilities) {
        this.probabilities = probabilities;
    }

    /** Fits the marginal to {@code images} row-major intensities of {@code pixels} each. */
    public static PixelMarginal fit(float[] intensities, int pixels) {
        if (pixels <= 0 || intensities.length % pixels != 0 || intensities.length == 0) {
            throw new IllegalArgumentException("pixel marginal: " + intensities.length + " values are not whole images of "
                    + pixels + " pixels");
        }
        int images = intensities.length / pixels;
        double[] sums = new double[pixels];
        for (int i = 0; i < intensities.length; i++) {
            sums[i % pixels] += intensities[i];
        }
        double[] p = new double[pixels];
        for (int j = 0; j < pixels; j++) {
            p[j] = (sums[j] + 1) / (images + 2);
        }
        return new PixelMarginal(p);
    }

    /** The log-odds of each pixel, to start a decoder's output bias from. */
    public float[] logits() {
        float[] out = new float[probabilities.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) Math.log(probabilities[j] / (1 - probabilities[j]));
        }
        return out;
    }

    /** The mean log-likelihood in nats per image of binary images, row-major. */
    public double logLikelihood(float[] binary) {
        int pixels = probabilities.length;
        if (binary.length % pixels != 0 || binary.length == 0) {
            throw new IllegalArgumentException("pixel marginal: " + binary.length + " values are not whole images of "
                    + pixels + " pixels");
        }
        double total = 0;
        for (int i = 0; i < binary.length; i++) {
            double p = probabilities[i % pixels];
            total += binary[i] > 0.5f ? Math.log(p) : Math.log(1 - p);
        }
        return total / (binary.length / pixels);
    }
}
