package org.attentionsuite.music.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.TreeMap;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.Sequence;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;

class TempoMapTest {

    @Test
    void matchesTickByTickSummation() {
        int resolution = 96;
        Sequence sequence = MidiFixtures.ppq(resolution);
        Track first = sequence.createTrack();
        Track second = sequence.createTrack();
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            MidiFixtures.tempo(i % 2 == 0 ? first : second, random.nextInt(300) * 10L,
                    200_000 + random.nextInt(1_000_000));
        }
        MidiFixtures.tempo(second, 0, 400_000);
        // reference: the tempo in force at each tick; on a tie the later track wins
        TreeMap<Long, Integer> tempos = new TreeMap<>();
        for (Track track : new Track[] {first, second}) {
            for (int i = 0; i < track.size(); i++) {
                byte[] m = track.get(i).getMessage().getMessage();
                if ((m[0] & 0xFF) == 0xFF && m[1] == 0x51) {
                    int micros = ((m[3] & 0xFF) << 16) | ((m[4] & 0xFF) << 8) | (m[5] & 0xFF);
                    tempos.put(track.get(i).getTick(), micros);
                }
            }
        }
        TempoMap map = TempoMap.of(sequence);
        double naive = 0;
        int micros = TempoMap.DEFAULT_MICROS_PER_QUARTER;
        for (long tick = 0; tick <= 4000; tick++) {
            if (tempos.containsKey(tick)) {
                micros = tempos.get(tick);
            }
            assertEquals(naive, map.seconds(tick), 1e-9, "tick " + tick);
            naive += micros / 1e6 / resolution;               // duration of this tick
        }
    }

    @Test
    void smpteIgnoresTempo() throws InvalidMidiDataException {
        Sequence sequence = new Sequence(Sequence.SMPTE_25, 40);   // 1000 ticks per second
        MidiFixtures.tempo(sequence.createTrack(), 0, 1_000_000);
        assertEquals(1.5, TempoMap.of(sequence).seconds(1500), 1e-12);
    }
}
