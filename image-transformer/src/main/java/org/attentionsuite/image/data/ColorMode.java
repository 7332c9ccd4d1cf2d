package org.attentionsuite.image.data;

/** Channel layout produced by {@link ImageFolderReader}. */
public enum ColorMode {
    /** One channel: luma Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601), rounded to 0..255. */
    GRAY(1),
    /** Three channels R, G, B, in that order. */
    RGB(3);

    private final int channels;

    ColorMode(int channels) {
        this.channels = channels;
    }

    /** @return C: 1 for {@link #GRAY}, 3 for {@link #RGB} */
    public int channels() {
        return channels;
    }

    /**
     * @param red   0..255
     * @param green 0..255
     * @param blue  0..255
     * @return the BT.601 luma 0..255, rounded half up
     */
    public static int luma(int red, int green, int blue) {
        return (299 * red + 587 * green + 114 * blue + 500) / 1000;
    }
}
