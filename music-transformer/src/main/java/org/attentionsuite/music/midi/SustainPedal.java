package org.attentionsuite.music.midi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lengthens notes held by the sustain pedal (controller 64) of one channel, following Magenta's
 * {@code apply_sustain_control_changes}: a note released while the pedal is down keeps sounding
 * until the pedal is released or the same pitch starts again on the channel, whichever comes
 * first; a note still held by the pedal at the end of the file ends at the last event.
 *
 * <p>Events at the same tick are processed in the order pedal down, pedal up, note on, note off,
 * so a key released exactly when the pedal goes down is sustained and a note starting exactly
 * when the pedal goes up is not cut by it.
 */
final class SustainPedal {

    /** Controller number of the damper (sustain) pedal. */
    static final int CONTROLLER = 64;
    /** Controller values at or above this hold the pedal down. */
    static final int DOWN_THRESHOLD = 64;

    private static final int PEDAL_DOWN = 0;
    private static final int PEDAL_UP = 1;
    private static final int NOTE_ON = 2;
    private static final int NOTE_OFF = 3;

    private record Event(long tick, int kind, RawNote note) {
    }

    /** One pedal controller event: at {@code tick} the pedal goes (or stays) down or up. */
    record Change(long tick, boolean down) {
    }

    private SustainPedal() {
    }

    /**
     * Applies the pedal to the notes of one channel, changing their end ticks in place.
     *
     * @param notes the channel's notes, with their key-release end ticks
     * @param pedal the channel's pedal events in file order
     * @param lastTick the tick of the last event in the file
     */
    static void apply(List<RawNote> notes, List<Change> pedal, long lastTick) {
        if (pedal.isEmpty()) {
            return;
        }
        List<Event> events = new ArrayList<>(2 * notes.size() + pedal.size());
        for (Change change : pedal) {
            events.add(new Event(change.tick(), change.down() ? PEDAL_DOWN : PEDAL_UP, null));
        }
        for (RawNote note : notes) {
            events.add(new Event(note.startTick, NOTE_ON, note));
            events.add(new Event(note.endTick, NOTE_OFF, note));
        }
        events.sort(Comparator.comparingLong(Event::tick).thenComparingInt(Event::kind));

        boolean down = false;
        List<RawNote> active = new ArrayList<>();
        for (Event event : events) {
            long tick = event.tick();
            switch (event.kind()) {
                case PEDAL_DOWN -> down = true;
                case PEDAL_UP -> {
                    down = false;
                    // notes whose key was released earlier were only held by the pedal
                    active.removeIf(note -> {
                        if (note.endTick < tick) {
                            note.endTick = tick;
                            return true;
                        }
                        return false;
                    });
                }
                case NOTE_ON -> {
                    if (down) {
                        // a new onset of the same pitch ends the pedal-held one
                        active.removeIf(note -> {
                            if (note.pitch == event.note().pitch) {
                                note.endTick = Math.max(note.startTick, tick);
                                return true;
                            }
                            return false;
                        });
                    }
                    active.add(event.note());
                }
                case NOTE_OFF -> {
                    if (!down) {
                        active.remove(event.note());
                    }
                }
                default -> throw new IllegalStateException("unknown event kind " + event.kind());
            }
        }
        for (RawNote note : active) {
            note.endTick = Math.max(note.endTick, lastTick);
        }
    }
}
