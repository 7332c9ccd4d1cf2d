package org.attentionsuite.music.midi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.Track;
import org.attentionsuite.core.UserError;

/**
 * Converts MIDI ticks to seconds for one {@link Sequence}.
 *
 * <p>With pulses-per-quarter timing, the tempo meta events (type {@code 0x51}, microseconds per
 * quarter note) of all tracks form a piecewise constant tempo; before the first one the tempo is
 * 120 beats per minute. The time of tick {@code t} inside the segment that starts at tick
 * {@code t_i} with {@code s_i} seconds is {@code s_i + (t - t_i) * tempo_i / (1e6 * resolution)}.
 * With SMPTE timing a tick lasts {@code 1 / (framesPerSecond * ticksPerFrame)} seconds and tempo
 * events are ignored, as the MIDI file specification says.
 */
public final class TempoMap {

    /** The tempo before any tempo event: 500 000 microseconds per quarter (120 bpm). */
    public static final int DEFAULT_MICROS_PER_QUARTER = 500_000;

    /** Meta event type of a tempo change. */
    public static final int TEMPO_META_TYPE = 0x51;

    private final long[] segmentTicks;          // first tick of each constant-tempo segment
    private final double[] segmentSeconds;      // time of that tick
    private final double[] secondsPerTick;      // within the segment

    private TempoMap(long[] segmentTicks, double[] segmentSeconds, double[] secondsPerTick) {
        this.segmentTicks = segmentTicks;
        this.segmentSeconds = segmentSeconds;
        this.secondsPerTick = secondsPerTick;
    }

    /**
     * Builds the tempo map of a sequence.
     *
     * @param sequence a parsed MIDI sequence
     * @return its tick-to-seconds conversion
     */
    public static TempoMap of(Sequence sequence) {
        int resolution = sequence.getResolution();
        if (resolution <= 0) {
            throw new UserError("resolution (" + resolution + ") must be positive");
        }
        if (sequence.getDivisionType() != Sequence.PPQ) {
            double perTick = 1.0 / (sequence.getDivisionType() * resolution);
            return new TempoMap(new long[] {0}, new double[] {0}, new double[] {perTick});
        }
        List<long[]> changes = new ArrayList<>();        // {tick, microsPerQuarter}
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent event = track.get(i);
                if (event.getMessage() instanceof MetaMessage meta
                        && meta.getType() == TEMPO_META_TYPE && meta.getData().length >= 3) {
                    byte[] d = meta.getData();
                    long micros = ((d[0] & 0xFFL) << 16) | ((d[1] & 0xFFL) << 8) | (d[2] & 0xFFL);
                    if (micros > 0) {
                        changes.add(new long[] {event.getTick(), micros});
                    }
                }
            }
        }
        changes.sort(Comparator.comparingLong(c -> c[0]));   // stable: later tracks win ties
        int n = changes.size() + 1;
        long[] ticks = new long[n];
        double[] seconds = new double[n];
        double[] perTick = new double[n];
        perTick[0] = DEFAULT_MICROS_PER_QUARTER / (1e6 * resolution);
        int used = 1;
        for (long[] change : changes) {
            long tick = change[0];
            double rate = change[1] / (1e6 * resolution);
            if (tick == ticks[used - 1]) {
                perTick[used - 1] = rate;                    // replaces the tempo at that tick
                continue;
            }
            ticks[used] = tick;
            seconds[used] = seconds[used - 1] + (tick - ticks[used - 1]) * perTick[used - 1];
            perTick[used] = rate;
            used++;
        }
        return new TempoMap(Arrays.copyOf(ticks, used), Arrays.copyOf(seconds, used),
                Arrays.copyOf(perTick, used));
    }

    /**
     * @param tick a non-negative tick
     * @return its time in seconds from the start of the sequence
     */
    public double seconds(long tick) {
        if (tick < 0) {
            throw new UserError("tick (" + tick + ") must be >= 0");
        }
        int index = Arrays.binarySearch(segmentTicks, tick);
        int segment = index >= 0 ? index : -index - 2;
        return segmentSeconds[segment] + (tick - segmentTicks[segment]) * secondsPerTick[segment];
    }
}
