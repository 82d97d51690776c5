package org.dab4j.models.data;

import org.dab4j.io.IdxImages;

/** Greyscale images with one class label each (unsigned bytes, as IDX files store them). */
public record LabelledImages(IdxImages images, byte[] labels) {
    public LabelledImages {
        if (images.count() != labels.length) {
            throw new IllegalArgumentException(images.count() + " images but " + labels.length + " labels");
        }
    }

    public int count() {
        return labels.length;
    }

    public int pixelsPerImage() {
        return images.pixelsPerImage();
    }

    /** The label of image {@code i}, 0 to 255. */
    public int label(int i) {
        return Byte.toUnsignedInt(labels[i]);
    }

    /** The images at {@code indices}, row-major {@code [indices.length, pixels]}, scaled to [0, 1]. */
    public float[] pixels(int[] indices) {
        int n = pixelsPerImage();
        float[] out = new float[indices.length * n];
        byte[] raw = images.pixels();
        for (int r = 0; r < indices.length; r++) {
            int from = indices[r] * n;
            for (int p = 0; p < n; p++) {
                out[r * n + p] = Byte.toUnsignedInt(raw[from + p]) / 255f;
            }
        }
        return out;
    }

    /** The labels at {@code indices}, as floats (class indices for a cross-entropy). */
    public float[] labels(int[] indices) {
        float[] out = new float[indices.length];
        for (int r = 0; r < indices.length; r++) {
            out[r] = label(indices[r]);
        }
        return out;
    }

    /** The indices {@code from, from + 1, ..., from + count - 1}. */
    public static int[] range(int from, int count) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = from + i;
        }
        return indices;
    }
}
