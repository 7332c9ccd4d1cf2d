package org.attentionsuite.music.midi;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.core.UserError;

/**
 * Builds the bytes of a standard MIDI file by hand, event by event, including forms that
 * {@code javax.sound.midi} never writes: running status that continues across meta and sysex
 * events, files of any header field, tracks without an end-of-track event. Used to write test
 * and fuzzing inputs; nothing is checked except that each value fits its field.
 *
 * <p>Layout (SMF 1.0): a header chunk {@code "MThd"}, length 6, format, number of tracks and
 * division (16 bits each, big-endian), then one {@code "MTrk"} chunk per track whose events are
 * a variable-length delta time followed by the event bytes.
 */
public final class SmfBytes {

    /** Largest value of a variable-length quantity (four bytes of seven bits). */
    public static final int MAX_VARIABLE_LENGTH = 0x0FFF_FFFF;

    private SmfBytes() {
    }

    /**
     * A whole file: the header chunk then one track chunk per track.
     *
     * @param format the header's format field (0, 1 or 2 are the defined ones)
     * @param division the header's division: ticks per quarter note when positive
     * @param tracks the tracks, in order; the header announces as many
     * @return the file's bytes
     */
    public static byte[] file(int format, int division, Track... tracks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6});
        u16(out, format);
        u16(out, tracks.length);
        u16(out, division);
        for (Track track : tracks) {
            out.writeBytes(track.chunk());
        }
        return out.toByteArray();
    }

    /** @return a new empty track */
    public static Track track() {
        return new Track();
    }

    /**
     * Encodes a variable-length quantity: seven bits per byte, most significant first, the high
     * bit set on every byte but the last.
     *
     * @param value 0..{@value #MAX_VARIABLE_LENGTH}
     * @return its one to four bytes
     */
    public static byte[] variableLength(long value) {
        if (value < 0 || value > MAX_VARIABLE_LENGTH) {
            throw new UserError("variable-length value (" + value + ") must be in 0.."
                    + MAX_VARIABLE_LENGTH);
        }
        int count = 1;
        while (value >> (7 * count) != 0) {
            count++;
        }
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            int group = (int) (value >> (7 * (count - 1 - i))) & 0x7F;
            out[i] = (byte) (i < count - 1 ? group | 0x80 : group);
        }
        return out;
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new UserError("16-bit header field (" + value + ") must be in 0..65535");
        }
        out.write(value >> 8);
        out.write(value);
    }

    /** The events of one track chunk, written in order; mutable builder. */
    public static final class Track {

        private final List<byte[]> events = new ArrayList<>();

        private Track() {
        }

        /**
         * Appends one event exactly as given: its delta time, then the bytes (a status byte,
         * or only data bytes for running status).
         *
         * @param delta ticks since the previous event
         * @param bytes the event's bytes, each 0..255
         * @return this track
         */
        public Track event(long delta, int... bytes) {
            byte[] time = variableLength(delta);
            int[] all = new int[time.length + bytes.length];
            for (int i = 0; i < time.length; i++) {
                all[i] = time[i] & 0xFF;
            }
            System.arraycopy(bytes, 0, all, time.length, bytes.length);
            return raw(all);
        }

        /**
         * Appends bytes with no delta time in front, e.g. a malformed delta time.
         *
         * @param bytes the bytes, each 0..255
         * @return this track
         */
        public Track raw(int... bytes) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int b : bytes) {
                if (b < 0 || b > 0xFF) {
                    throw new UserError("byte (" + b + ") must be in 0..255");
                }
                out.write(b);
            }
            events.add(out.toByteArray());
            return this;
        }

        /**
         * Appends a meta event {@code FF type length data}.
         *
         * @param delta ticks since the previous event
         * @param type the meta type, 0..127
         * @param data the payload bytes, each 0..255
         * @return this track
         */
        public Track meta(long delta, int type, int... data) {
            return withLength(delta, new int[] {0xFF, type}, data);
        }

        /**
         * Appends a sysex event {@code F0 length data} (the data normally ends with F7).
         *
         * @param delta ticks since the previous event
         * @param data the payload bytes, each 0..255
         * @return this track
         */
        public Track sysex(long delta, int... data) {
            return withLength(delta, new int[] {0xF0}, data);
        }

        /**
         * Appends a tempo meta event.
         *
         * @param delta ticks since the previous event
         * @param microsPerQuarter microseconds per quarter note, 1..0xFFFFFF
         * @return this track
         */
        public Track tempo(long delta, int microsPerQuarter) {
            return meta(delta, TempoMap.TEMPO_META_TYPE, (microsPerQuarter >> 16) & 0xFF,
                    (microsPerQuarter >> 8) & 0xFF, microsPerQuarter & 0xFF);
        }

        /**
         * Appends the end-of-track meta event {@code FF 2F 00}.
         *
         * @param delta ticks since the previous event
         * @return this track
         */
        public Track end(long delta) {
            return meta(delta, 0x2F);
        }

        /** @return the track chunk: {@code "MTrk"}, 32-bit length, events */
        public byte[] chunk() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] event : events) {
                body.writeBytes(event);
            }
            int length = body.size();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {'M', 'T', 'r', 'k', (byte) (length >>> 24),
                    (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }

        private Track withLength(long delta, int[] head, int[] data) {
            byte[] length = variableLength(data.length);
            int[] bytes = new int[head.length + length.length + data.length];
            System.arraycopy(head, 0, bytes, 0, head.length);
            for (int i = 0; i < length.length; i++) {
                bytes[head.length + i] = length[i] & 0xFF;
            }
            System.arraycopy(data, 0, bytes, head.length + length.length, data.length);
            return event(delta, bytes);
        }
    }
}
