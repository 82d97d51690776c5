package org.dab4j.models.data;

import java.nio.file.Path;

/**
 * A labelled image data set split into training and test images of one size.
 *
 * @param name  what the data set is called in results (e.g. {@code fashion-mnist})
 * @param dir   the folder it was read from
 * @param train the training split
 * @param test  the test split
 */
public record ImageDataset(String name, Path dir, LabelledImages train, LabelledImages test) {
    public ImageDataset {
        if (train.images().rows() != test.images().rows() || train.images().cols() != test.images().cols()) {
            throw new IllegalArgumentException(dir + ": training images are " + train.images().rows() + " x "
                    + train.images().cols() + " but test images are " + test.images().rows() + " x "
                    + test.images().cols());
        }
    }

    public int pixelsPerImage() {
        return train.pixelsPerImage();
    }

    public int rows() {
        return train.images().rows();
    }

    public int cols() {
        return train.images().cols();
    }

    /** One more than the largest label of either split. */
    public int classes() {
        int max = 0;
        for (LabelledImages split : new LabelledImages[]{train, test}) {
            for (int i = 0; i < split.count(); i++) {
                max = Math.max(max, split.label(i));
            }
        }
        return max + 1;
    }
}
