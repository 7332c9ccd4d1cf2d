package org.attentionsuite.music.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.attentionsuite.core.train.DataSplit;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.performance.Augmentation;
import org.attentionsuite.music.performance.PerformanceCorpus;
import org.junit.jupiter.api.Test;

/** The split of MIDI pieces into training, validation and test pieces. */
class PieceSplitTest {
    private static final List<PerformanceCorpus.Piece> PIECES = PerformanceDataTest.corpus().pieces();

    private static List<String> names(List<PerformanceCorpus.Piece> pieces) {
        return pieces.stream().map(PerformanceCorpus.Piece::name).toList();
    }

    @Test
    void withoutTestPiecesTheValidationPiecesAreTheEvenlySpacedOnesEveryEarlierRunHeldOut() {
        PieceSplit.Parts parts = PieceSplit.none().apply(PIECES, "mem");
        assertEquals(List.of("piece5"), names(parts.validation()), "validationIndices(10) = {5}");
        assertEquals(9, parts.train().size());
        assertEquals(List.of(), parts.test());
        assertEquals(names(PerformanceData.of(PerformanceDataTest.corpus(), 32, 2,
                Augmentation.none(), "mem").validationPieces()),
                names(parts.validation()));
    }

    @Test
    void testPiecesAreASeededShuffleDisjointFromTheRestInLoadOrderAndAtMostAFifth() {
        PieceSplit.Parts parts = new PieceSplit(2, 11).apply(PIECES, "mem");
        assertEquals(2, parts.test().size());
        Set<String> all = new HashSet<>();
        for (DataSplit s : DataSplit.values()) {
            for (String n : names(parts.get(s))) {
                assertTrue(all.add(n), n + " is in one part only");
            }
        }
        assertEquals(10, all.size(), "every piece is in a part");
        List<String> test = names(parts.test());
        assertEquals(new ArrayList<>(test).stream().sorted().toList(), test, "test pieces in load order");
        assertEquals(test, names(new PieceSplit(2, 11).apply(PIECES, "mem").test()), "the same seed, the same pieces");
        assertNotEquals(test, names(new PieceSplit(2, 12).apply(PIECES, "mem").test()), "the seed picks them");
        assertEquals(2, new PieceSplit(5, 11).apply(PIECES, "mem").test().size(), "at most a fifth of 10");
        assertEquals(1, parts.validation().size(), "10% of the 8 others, rounded: at least one");
    }

    @Test
    void tooFewPiecesBesidesTheTestOnesAreRefusedWithOneLine() {
        MusicDataException e = assertThrows(MusicDataException.class,
                () -> new PieceSplit(1, 3).apply(PIECES.subList(0, 2), "songs/"));
        assertEquals("songs/: only 2 usable MIDI files; at least 3 are needed (one to train, one held out for "
                + "validation, 1 for the test)", e.getMessage());
        assertThrows(MusicDataException.class, () -> PieceSplit.none().apply(PIECES.subList(0, 1), "one"));
    }
}
