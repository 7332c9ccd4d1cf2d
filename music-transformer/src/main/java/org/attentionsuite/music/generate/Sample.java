package org.attentionsuite.music.generate;

/**
 * Sampled tokens.
 *
 * @param tokens       primer then sampled tokens; ends with EOS if {@code endedAtEos}
 * @param primerLength how many leading tokens are the primer
 * @param endedAtEos   whether sampling stopped because the model emitted EOS
 * @param seconds      length of the music the tokens describe
 */
public record Sample(int[] tokens, int primerLength, boolean endedAtEos, double seconds) {
    public Sample {
        tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** Number of tokens, primer included. */
    public int length() {
        return tokens.length;
    }
}
