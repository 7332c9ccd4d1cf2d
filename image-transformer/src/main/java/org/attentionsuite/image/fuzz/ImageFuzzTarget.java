package org.attentionsuite.image.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.fuzz.FileFuzzTarget;
import org.attentionsuite.image.data.DataFormat;
import org.attentionsuite.image.data.IdxReader;
import org.attentionsuite.image.data.ImageFolderReader;
import org.attentionsuite.image.train.ImageSource;

/**
 * The image decoders as a fuzz target: each input, written to a file, is read as
 * {@code image train --data FILE} reads a file ({@link ImageSource#of}: the format decided from
 * the content, then the IDX or CIFAR-10 reader, or a PNG/JPEG/GIF picture through ImageIO after its
 * header's size is checked) and fitted to {@value #SIDE}x{@value #SIDE} RGB as training fits
 * images; an IDX label file, which {@code --data} refuses, is read as the labels beside images
 * are ({@link IdxReader#readLabels(Path)}). The invariant: the input is read, or refused with one
 * {@link UserError} line naming the file; anything else thrown, an input slower than the time
 * limit, or one that allocates more than {@link #maxAllocatedBytes} is a finding.
 */
public final class ImageFuzzTarget extends FileFuzzTarget {

    /** Inputs are fitted to this height and width (and 3 channels). */
    public static final int SIDE = 16;
    /**
     * Heap a picture may take per pixel its header declares: 8 bytes decoded (16-bit RGBA), 4
     * flattened onto white, and the resize's halvings (at most 4/3 of 4 more).
     */
    static final long PICTURE_BYTES_PER_PIXEL = 16;

    /** @param scratch a folder for the file each input is written to */
    public ImageFuzzTarget(Path scratch) {
        super(scratch, "", UserError.class);
    }

    @Override
    protected void read(Path file) throws IOException {
        if (DataFormat.of(file) == DataFormat.IDX_LABELS) {
            IdxReader.readLabels(file);
        } else {
            ImageSource.of(file.toString(), null).load(SIDE, SIDE, 3);
        }
    }

    /**
     * A picture may take what the largest one its cap allows takes,
     * {@value #PICTURE_BYTES_PER_PIXEL} bytes for each of {@link ImageFolderReader#MAX_PIXELS}
     * pixels; IDX and CIFAR-10 data the default.
     */
    @Override
    public long maxAllocatedBytes(byte[] input) {
        return DataFormat.isPicture(input) ? PICTURE_BYTES_PER_PIXEL * ImageFolderReader.MAX_PIXELS
                : super.maxAllocatedBytes(input);
    }
}
