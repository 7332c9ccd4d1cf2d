package org.attentionsuite.music.midi;

/** A note being assembled from MIDI events, with times in ticks; mutable, package-private. */
final class RawNote {
    final int channel;
    final int pitch;
    final int velocity;
    final int program;
    final long startTick;
    long endTick;
    /**
     * True while a note off at {@link #startTick} would belong to the earlier note of the same
     * key that this onset ended (pretty_midi keeps the new note open in that case).
     */
    boolean offAtStartIsEarlierNotes;

    RawNote(int channel, int pitch, int velocity, int program, long startTick) {
        this.channel = channel;
        this.pitch = pitch;
        this.velocity = velocity;
        this.program = program;
        this.startTick = startTick;
        this.endTick = startTick;
    }
}
