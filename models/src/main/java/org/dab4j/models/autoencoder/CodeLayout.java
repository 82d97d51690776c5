package org.dab4j.models.autoencoder;

/**
 * The shape and capacity of a bottleneck: {@code width} latent values read as {@code groups} groups of
 * {@code groupWidth} values, each group taking one of {@code alphabet} values, together {@code bits} bits;
 * {@code active} is the k of a top-k code (0 for the others). Code usage is counted per group.
 */
public record CodeLayout(CodeType type, int width, int groups, int groupWidth, int alphabet, int active, double bits) {

    /**
     * The layout of {@code type}: one-hot and k-means use {@code groups} x {@code categories} (k-means with
     * {@code codeDim} values per group), the others {@code units} units (top-k with {@code k} of them on).
     */
    public CodeLayout {
        if (width < 1 || groups < 1 || groupWidth < 1 || alphabet < 2 || groups * groupWidth != width) {
            throw new IllegalArgumentException("a code needs positive sizes, an alphabet of at least 2 and "
                    + "groups x group width = width, got " + groups + " x " + groupWidth + " for width " + width
                    + ", alphabet " + alphabet);
        }
    }

    public static CodeLayout of(CodeType type, int groups, int categories, int units, int k, int codeDim) {
        return switch (type) {
            case ONEHOT -> new CodeLayout(type, groups * categories, groups, categories, categories, 0,
                    groups * log2(categories));
            case KMEANS -> new CodeLayout(type, groups * codeDim, groups, codeDim, categories, 0,
                    groups * log2(categories));
            case BINARY -> new CodeLayout(type, units, units, 1, 2, 0, units);
            case TERNARY -> new CodeLayout(type, units, units, 1, 3, 0, units * log2(3));
            case TOPK -> {
                if (k < 1 || k >= units) {
                    throw new IllegalArgumentException("top-k needs 1 <= k < units, got k = " + k + " of " + units);
                }
                yield new CodeLayout(type, units, units, 1, 2, k, log2Binomial(units, k));
            }
        };
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** log2 of n choose k, summed term by term so that it never overflows. */
    static double log2Binomial(int n, int k) {
        double bits = 0;
        for (int i = 1; i <= k; i++) {
            bits += log2(n - k + i) - log2(i);
        }
        return bits;
    }
}
