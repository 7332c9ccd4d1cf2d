package org.attentionsuite.music.midi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import javax.sound.midi.Track;
import org.attentionsuite.music.MusicDataException;

/**
 * Parses the bytes of a standard MIDI file (SMF 1.0, format 0 or 1) into a
 * {@code javax.sound.midi} {@link Sequence}, in place of the JDK's own file reader.
 *
 * <p>Why not {@code MidiSystem.getSequence}: JDK 17's reader lets running status continue only
 * until the next meta or sysex event, so it rejects files where channel data follows a meta
 * event without a new status byte ("Invalid meta event with type ..."), which Rosegarden and
 * other sequencers write; mido and JDK 25 read them. It also passes data bytes above 127
 * through and allocates whatever length a corrupt sysex announces.
 *
 * <p>What this parser accepts and rejects:
 * <ul>
 *   <li>Header: {@code "MThd"}, a length of at least 6 (extra header bytes are skipped),
 *       format 0 or 1, the number of tracks, and the division: ticks per quarter note (1..32767)
 *       or SMPTE frames per second (24, 25, 29 = 30 drop-frame, 30) with ticks per frame
 *       (1..255).</li>
 *   <li>Chunks: the header's number of {@code "MTrk"} chunks must be present in full; chunks of
 *       other types are skipped, and bytes after the last announced track are ignored.</li>
 *   <li>Events: a delta time (a variable-length quantity of at most four bytes) and then a
 *       channel message (status 0x80..0xEF and one or two data bytes 0..127), a meta event
 *       ({@code FF type length data}, type 0..127) or a sysex event ({@code F0} or {@code F7},
 *       length, data). Lengths must fit in the rest of the track chunk. Other status bytes are
 *       corrupt. Events after the end-of-track meta event are ignored, and a track chunk may end
 *       without one.</li>
 *   <li>Running status: a data byte where a status byte is expected repeats the last channel
 *       status byte of the track. Meta and sysex events leave that status in force, as JDK 25
 *       does and as writers of such files intend (the SMF specification says they cancel it,
 *       so a strict file never relies on either reading; mido keeps it across meta events only,
 *       and reads running status after a sysex as another sysex). Running status before any
 *       channel status byte is corrupt.</li>
 * </ul>
 * Problems are reported as one-line {@link MusicDataException}s naming the file: {@code "not a
 * MIDI file"}, {@code "truncated MIDI file (...)"} or {@code "corrupt MIDI data: ... (track t,
 * byte b)"}, where {@code b} is the offset of the offending byte in the file.
 */
final class SmfParser {

    private static final byte[] HEADER_TAG = "MThd".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRACK_TAG = "MTrk".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK_HEAD_BYTES = 8;
    private static final int MIN_HEADER_LENGTH = 6;
    private static final int META = 0xFF;
    private static final int SYSEX = 0xF0;
    private static final int SYSEX_ESCAPE = 0xF7;
    private static final int END_OF_TRACK = 0x2F;
    private static final int MAX_VARIABLE_LENGTH_BYTES = 4;

    private final byte[] bytes;
    private final String name;
    private int trackNumber;            // 1-based, for messages
    private int position;               // next byte to read
    private int trackEnd;               // end of the current track chunk (exclusive)

    private SmfParser(byte[] bytes, String name) {
        this.bytes = bytes;
        this.name = name;
    }

    /**
     * Parses a whole file.
     *
     * @param bytes the file's bytes (not modified)
     * @param name the name to use in error messages
     * @return the sequence: one track per {@code "MTrk"} chunk, events in file order
     * @throws MusicDataException naming {@code name} if the bytes are not a usable MIDI file
     */
    static Sequence parse(byte[] bytes, String name) {
        return new SmfParser(bytes, name).parse();
    }

    private Sequence parse() {
        if (bytes.length < CHUNK_HEAD_BYTES + MIN_HEADER_LENGTH || !tagAt(0, HEADER_TAG)) {
            throw new MusicDataException(name + ": not a MIDI file (bad header)");
        }
        long headerLength = u32(4);
        if (headerLength < MIN_HEADER_LENGTH) {
            throw corruptHeader("header chunk length " + headerLength + " is below 6");
        }
        if (CHUNK_HEAD_BYTES + headerLength > bytes.length) {
            throw new MusicDataException(name + ": truncated MIDI file (incomplete header)");
        }
        int format = u16(8);
        if (format == 2) {
            throw new MusicDataException(name + ": MIDI file format 2 (independent patterns) is "
                    + "not supported, only formats 0 and 1");
        }
        if (format != 0 && format != 1) {
            throw corruptHeader("file format " + format + " (must be 0 or 1)");
        }
        int tracks = u16(10);
        Sequence sequence = newSequence(u16(12));
        long chunk = CHUNK_HEAD_BYTES + headerLength;
        int found = 0;
        while (found < tracks) {
            if (chunk + CHUNK_HEAD_BYTES > bytes.length) {
                throw new MusicDataException(name + ": truncated MIDI file (header announces "
                        + tracks + " tracks, file ends after " + found + ")");
            }
            long length = u32((int) chunk + 4);
            long remaining = bytes.length - chunk - CHUNK_HEAD_BYTES;
            if (length > remaining) {
                throw new MusicDataException(name + ": truncated MIDI file (track " + (found + 1)
                        + " of " + tracks + " declares " + length + " bytes, " + remaining
                        + " remain)");
            }
            if (tagAt((int) chunk, TRACK_TAG)) {
                found++;
                trackNumber = found;
                position = (int) chunk + CHUNK_HEAD_BYTES;
                trackEnd = (int) (position + length);
                readTrack(sequence.createTrack());
            }
            chunk += CHUNK_HEAD_BYTES + length;
        }
        return sequence;
    }

    /** Decodes the division field: ticks per quarter note, or SMPTE frame rate and ticks. */
    private Sequence newSequence(int division) {
        float divisionType;
        int resolution;
        if ((division & 0x8000) == 0) {
            divisionType = Sequence.PPQ;
            resolution = division;
            if (resolution == 0) {
                throw corruptHeader("division of 0 ticks per quarter note");
            }
        } else {
            int frames = -(byte) (division >> 8);
            divisionType = switch (frames) {
                case 24 -> Sequence.SMPTE_24;
                case 25 -> Sequence.SMPTE_25;
                case 29 -> Sequence.SMPTE_30DROP;
                case 30 -> Sequence.SMPTE_30;
                default -> throw corruptHeader("SMPTE division of " + frames
                        + " frames per second (must be 24, 25, 29 or 30)");
            };
            resolution = division & 0xFF;
            if (resolution == 0) {
                throw corruptHeader("SMPTE division of 0 ticks per frame");
            }
        }
        try {
            return new Sequence(divisionType, resolution);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("division type " + divisionType, e);
        }
    }

    private void readTrack(Track track) {
        long tick = 0;
        int runningStatus = -1;                         // the last channel status byte
        while (position < trackEnd) {
            tick += readVariableLength();
            int at = position;
            int first = readByte();
            int status;
            if (first < 0x80) {
                if (runningStatus < 0) {
                    throw corrupt(at, String.format(Locale.ROOT,
                            "data byte 0x%02X where a status byte is needed (running status "
                                    + "without an earlier channel status byte)", first));
                }
                status = runningStatus;
                position = at;                          // the byte is the first data byte
            } else {
                status = first;
            }
            MidiMessage message;
            if (status < 0xF0) {
                runningStatus = status;
                message = channelMessage(status);
            } else if (status == META) {
                int typeAt = position;
                int type = readByte();
                if (type > 0x7F) {
                    throw corrupt(typeAt, String.format(Locale.ROOT,
                            "meta event type 0x%02X must be 0x00..0x7F", type));
                }
                byte[] data = readPayload("meta event");
                message = meta(type, data);
                if (type == END_OF_TRACK) {
                    track.add(new MidiEvent(message, tick));
                    return;                             // what follows is not part of the track
                }
            } else if (status == SYSEX || status == SYSEX_ESCAPE) {
                byte[] data = readPayload("sysex event");
                message = sysex(status, data);
            } else {
                throw corrupt(at, String.format(Locale.ROOT,
                        "status byte 0x%02X is not allowed in a MIDI file", status));
            }
            track.add(new MidiEvent(message, tick));
        }
    }

    private ShortMessage channelMessage(int status) {
        int dataBytes = (status & 0xF0) == ShortMessage.PROGRAM_CHANGE
                || (status & 0xF0) == ShortMessage.CHANNEL_PRESSURE ? 1 : 2;
        int data1 = readDataByte(status);
        int data2 = dataBytes == 2 ? readDataByte(status) : 0;
        try {
            return new ShortMessage(status, data1, data2);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("checked channel message " + status, e);
        }
    }

    private int readDataByte(int status) {
        int at = position;
        int value = readByte();
        if (value > 0x7F) {
            throw corrupt(at, String.format(Locale.ROOT, "data byte 0x%02X (%d) of a %s must "
                    + "be 0..127", value, value, MidiReader.messageName(status)));
        }
        return value;
    }

    private byte[] readPayload(String what) {
        int at = position;
        long length = readVariableLength();
        if (length > trackEnd - position) {
            throw corrupt(at, what + " of " + length + " bytes overruns its track ("
                    + (trackEnd - position) + " bytes left)");
        }
        byte[] data = new byte[(int) length];
        System.arraycopy(bytes, position, data, 0, data.length);
        position += data.length;
        return data;
    }

    /** Reads a variable-length quantity: seven bits per byte, high bit = more bytes follow. */
    private long readVariableLength() {
        int at = position;
        long value = 0;
        for (int i = 0; i < MAX_VARIABLE_LENGTH_BYTES; i++) {
            int b = readByte();
            value = (value << 7) | (b & 0x7F);
            if (b < 0x80) {
                return value;
            }
        }
        throw corrupt(at, "variable-length quantity longer than 4 bytes");
    }

    private int readByte() {
        if (position >= trackEnd) {
            throw corrupt(position, "track ends inside an event");
        }
        return bytes[position++] & 0xFF;
    }

    private static MetaMessage meta(int type, byte[] data) {
        try {
            return new MetaMessage(type, data, data.length);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("checked meta type " + type, e);
        }
    }

    private static SysexMessage sysex(int status, byte[] data) {
        try {
            return new SysexMessage(status, data, data.length);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("sysex status " + status, e);
        }
    }

    private MusicDataException corrupt(int offset, String detail) {
        return new MusicDataException(name + ": corrupt MIDI data: " + detail + " (track "
                + trackNumber + ", byte " + offset + ")");
    }

    private MusicDataException corruptHeader(String detail) {
        return new MusicDataException(name + ": corrupt MIDI data: " + detail + " (header)");
    }

    private boolean tagAt(int offset, byte[] tag) {
        for (int i = 0; i < tag.length; i++) {
            if (bytes[offset + i] != tag[i]) {
                return false;
            }
        }
        return true;
    }

    private int u16(int offset) {
        return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
    }

    private long u32(int offset) {
        return (long) u16(offset) << 16 | u16(offset + 2);
    }
}
