package org.dab4j.tensor;

/**
 * A 2-D sliding window over images stored NCHW ({@code [batch, channels, height, width]}, row-major), as
 * convolution and pooling use it: a {@code kernelHeight x kernelWidth} window moves by {@code stride} along
 * both axes over the input padded by {@code padding} on every side. Output positions follow PyTorch's floor
 * rule: {@code outHeight = (height + 2 padding - kernelHeight) / stride + 1}, likewise the width.
 */
public record Window2d(int batch, int channels, int height, int width, int kernelHeight, int kernelWidth,
                       int stride, int padding) {

    public Window2d {
        if (batch < 1 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Window2d: input [" + batch + ", " + channels + ", " + height + ", "
                    + width + "] must have positive dimensions");
        }
        if (kernelHeight < 1 || kernelWidth < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("Window2d: kernel " + kernelHeight + "x" + kernelWidth + ", stride "
                    + stride + ", padding " + padding + ": kernel and stride must be positive, padding non-negative");
        }
        if (kernelHeight > height + 2 * padding || kernelWidth > width + 2 * padding) {
            throw new IllegalArgumentException("Window2d: kernel " + kernelHeight + "x" + kernelWidth
                    + " is larger than the padded input " + (height + 2 * padding) + "x" + (width + 2 * padding));
        }
    }

    /** A square kernel over input {@code [batch, channels, height, width]}. */
    public static Window2d of(Shape input, int kernel, int stride, int padding) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("Window2d: input " + input + " must be [batch, channels, height, width]");
        }
        return new Window2d(input.dim(0), input.dim(1), input.dim(2), input.dim(3), kernel, kernel, stride, padding);
    }

    public int outHeight() {
        return (height + 2 * padding - kernelHeight) / stride + 1;
    }

    public int outWidth() {
        return (width + 2 * padding - kernelWidth) / stride + 1;
    }

    /** Window positions per image and channel: {@code outHeight * outWidth}. */
    public int positions() {
        return outHeight() * outWidth();
    }

    /** Elements of one patch over all channels: {@code channels * kernelHeight * kernelWidth}. */
    public int patchSize() {
        return channels * kernelHeight * kernelWidth;
    }

    /** Elements of the input: {@code batch * channels * height * width}. */
    public int inputSize() {
        return batch * channels * height * width;
    }

    /** The input shape {@code [batch, channels, height, width]}. */
    public Shape inputShape() {
        return Shape.of(batch, channels, height, width);
    }

    /** The output shape of a layer with {@code outChannels} channels: {@code [batch, outChannels, outHeight, outWidth]}. */
    public Shape outputShape(int outChannels) {
        return Shape.of(batch, outChannels, outHeight(), outWidth());
    }

    /** The same window over every channel plane as an image of its own: {@code [batch * channels, 1, height, width]}. */
    public Window2d perPlane() {
        return new Window2d(batch * channels, 1, height, width, kernelHeight, kernelWidth, stride, padding);
    }

    @Override
    public String toString() {
        return "input " + inputShape() + ", kernel " + kernelHeight + "x" + kernelWidth + ", stride " + stride
                + ", padding " + padding;
    }
}
