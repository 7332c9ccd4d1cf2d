package org.attentionsuite.music.render;

/**
 * Where the parts of a piano roll image go: the plot of the notes, framed by the pitch axis on
 * the left, the time axis below and the legend (and the primer label) above.
 *
 * @param width image width in pixels
 * @param height image height in pixels
 * @param plotLeft x of the plot's first column (time 0)
 * @param plotTop y of the plot's first row (top of the highest pitch row)
 * @param plotWidth plot width in pixels
 * @param plotHeight plot height in pixels
 * @param lowPitch lowest pitch row shown
 * @param highPitch highest pitch row shown
 * @param pixelsPerSecond horizontal scale
 * @param pixelsPerPitch height of one pitch row
 */
public record RollLayout(int width, int height, int plotLeft, int plotTop, int plotWidth,
                         int plotHeight, int lowPitch, int highPitch, int pixelsPerSecond,
                         int pixelsPerPitch) {

    /**
     * @param seconds a time
     * @return the image column of that time (floor)
     */
    public int x(double seconds) {
        return plotLeft + (int) Math.floor(seconds * pixelsPerSecond);
    }

    /**
     * @param pitch a pitch in {@code lowPitch..highPitch}
     * @return the image row at the top of that pitch's row
     */
    public int y(int pitch) {
        return plotTop + (highPitch - pitch) * pixelsPerPitch;
    }
}
