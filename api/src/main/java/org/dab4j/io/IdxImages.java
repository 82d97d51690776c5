package org.dab4j.io;

/**
 * Greyscale images from an IDX image file: {@code count} images of {@code rows x cols} unsigned bytes,
 * row-major, one image after another.
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {
    public IdxImages {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("images need count >= 0 and positive rows and cols, got "
                    + count + " x " + rows + " x " + cols);
        }
        if (pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException(pixels.length + " pixels do not make " + count + " images of "
                    + rows + " x " + cols);
        }
    }

    /** Pixels per image. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** Pixel {@code index} (row-major) of image {@code image}, 0 to 255. */
    public int pixel(int image, int index) {
        return Byte.toUnsignedInt(pixels[image * pixelsPerImage() + index]);
    }
}
