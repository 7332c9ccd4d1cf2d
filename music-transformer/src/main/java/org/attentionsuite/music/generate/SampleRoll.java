package org.attentionsuite.music.generate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.attentionsuite.music.chorale.Chorale;
import org.attentionsuite.music.model.MusicEncoding;
import org.attentionsuite.music.render.RollLabels;

/**
 * What the piano roll of a sample explains: where its primer ends, and the voice names of its
 * encoding (soprano, alto, tenor and bass for chorales; performances keep the default, the
 * channel's instrument).
 */
final class SampleRoll {

    private SampleRoll() {
    }

    /**
     * @param encoding the sample's encoding
     * @param sample the sampled tokens, primer first
     * @return the labels: a primer marker unless the sample was generated from scratch (its
     *     primer is the encoding's start tokens), at the primer tokens' duration
     */
    static RollLabels labels(MusicEncoding encoding, Sample sample) {
        RollLabels labels = RollLabels.none();
        if (encoding == MusicEncoding.CHORALE) {
            Map<Integer, String> names = new HashMap<>();
            for (int voice = 0; voice < Chorale.VOICES; voice++) {
                names.put(voice, Chorale.VOICE_NAMES.get(voice));
            }
            labels = labels.withVoiceNames(names);
        }
        int[] primer = Arrays.copyOf(sample.tokens(), sample.primerLength());
        if (Arrays.equals(primer, encoding.startTokens())) {
            return labels;
        }
        double seconds = 0;
        for (int id : primer) {
            seconds += encoding.secondsOf(id);
        }
        return labels.withPrimerEnd(seconds);
    }
}
