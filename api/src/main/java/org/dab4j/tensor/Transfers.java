package org.dab4j.tensor;

/**
 * Host-device traffic counted by a backend whose storage lives in device memory: how many
 * {@link Backend#upload} and {@link Backend#download} calls crossed between host and device, and how many
 * floats they moved.
 */
public record Transfers(long uploads, long uploadedFloats, long downloads, long downloadedFloats) {
    /** No traffic. */
    public static final Transfers NONE = new Transfers(0, 0, 0, 0);

    public Transfers {
        if (uploads < 0 || uploadedFloats < 0 || downloads < 0 || downloadedFloats < 0) {
            throw new IllegalArgumentException("transfer counts must not be negative, got " + uploads + " uploads of "
                    + uploadedFloats + " floats and " + downloads + " downloads of " + downloadedFloats + " floats");
        }
    }

    /** These counts plus one upload of {@code floats}. */
    public Transfers plusUpload(int floats) {
        return new Transfers(uploads + 1, uploadedFloats + floats, downloads, downloadedFloats);
    }

    /** These counts plus one download of {@code floats}. */
    public Transfers plusDownload(int floats) {
        return new Transfers(uploads, uploadedFloats, downloads + 1, downloadedFloats + floats);
    }

    /**
     * The traffic between {@code earlier} and this snapshot of the same backend's counts.
     *
     * @throws IllegalArgumentException when {@code earlier} counts more than this snapshot in any field
     */
    public Transfers since(Transfers earlier) {
        return new Transfers(uploads - earlier.uploads, uploadedFloats - earlier.uploadedFloats,
                downloads - earlier.downloads, downloadedFloats - earlier.downloadedFloats);
    }
}
