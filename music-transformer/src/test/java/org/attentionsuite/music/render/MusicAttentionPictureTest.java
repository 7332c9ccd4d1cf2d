package org.attentionsuite.music.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.music.chorale.ChoraleEncoding;
import org.attentionsuite.music.model.MusicAttention;
import org.attentionsuite.music.model.MusicEncoding;
import org.attentionsuite.music.model.MusicModels;
import org.attentionsuite.music.performance.PerformanceVocabulary;
import org.junit.jupiter.api.Test;

class MusicAttentionPictureTest {
    static DecoderModel model(MusicEncoding encoding) {
        return new DecoderModel(MusicModels.config(encoding, MusicAttention.RELATIVE, new ModelSize(16, 2, 2, 0.0), 32, 0),
                Precision.FLOAT64, 4);
    }

    @Test
    void aChoraleTokenIsACellOfItsVoiceAndStep() {
        int[] tokens = {72, 67, 64, 48, 72, 67, ChoraleEncoding.REST, 48, 74, 67, 64, 50};
        MusicAttentionPicture p = MusicAttentionPicture.of(model(MusicEncoding.CHORALE), MusicEncoding.CHORALE, tokens,
                9, 1);
        List<MusicAttentionPicture.Cell> cells = p.cells();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 7, 8, 9), cells.stream().map(MusicAttentionPicture.Cell::position)
                .toList(), "a rest has no cell; nothing after the query");
        MusicAttentionPicture.Cell alto = cells.get(8);                    // position 9: step 2, voice 1
        assertEquals(2 * 6, alto.x(), "step 2");
        assertEquals(cells.get(1).y(), alto.y(), "the same pitch, 67, in the same row");
        assertTrue(cells.get(6).y() > alto.y(), "the bass lower");
        BufferedImage picture = p.render();
        assertTrue(picture.getWidth() > 160 && picture.getHeight() > 4 * 14, picture.getWidth() + "x"
                + picture.getHeight());
    }

    @Test
    void performanceNotesSitAtTheirTimeAndOtherEventsInTheStrip() {
        int[] tokens = {PerformanceVocabulary.velocity(20), PerformanceVocabulary.noteOn(60),
            PerformanceVocabulary.timeShift(50), PerformanceVocabulary.noteOff(60)};
        MusicAttentionPicture p = MusicAttentionPicture.of(model(MusicEncoding.PERFORMANCE), MusicEncoding.PERFORMANCE,
                tokens, 3, 0);
        List<MusicAttentionPicture.Cell> cells = p.cells();
        assertEquals(4, cells.size());
        assertEquals(0, cells.get(1).x());
        assertEquals(30, cells.get(3).x(), "0.5 s at 60 pixels per second");
        assertEquals(cells.get(1).y(), cells.get(3).y());
        assertTrue(cells.get(2).y() > cells.get(1).y(), "the time shift in the strip below");
        assertThrows(UserError.class, () -> MusicAttentionPicture.of(model(MusicEncoding.PERFORMANCE),
                MusicEncoding.PERFORMANCE, tokens, 3, 2));
    }
}
