package dev.gradsum.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.report.WordDiff.Kind;
import dev.gradsum.cli.report.WordDiff.Piece;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WordDiffTest {
    @Test
    void equal_and_deleted_pieces_give_back_the_old_text_equal_and_inserted_the_new() {
        String before = "Answer the question.\n\nQuestion: {question}\nAnswer:";
        String after = "Solve the problem step by step.\n\nQuestion: {question}\nEnd with 'Answer: <n>'.";

        List<Piece> pieces = WordDiff.diff(before, after);

        assertThat(join(pieces, Kind.DELETE)).isEqualTo(before);
        assertThat(join(pieces, Kind.INSERT)).isEqualTo(after);
    }

    @Test
    void a_changed_word_is_one_deletion_next_to_one_insertion() {
        List<Piece> pieces = WordDiff.diff("keep the units here", "keep all units here");

        assertThat(pieces).containsExactly(new Piece(Kind.EQUAL, "keep "), new Piece(Kind.DELETE, "the"),
                new Piece(Kind.INSERT, "all"), new Piece(Kind.EQUAL, " units here"));
    }

    @Test
    void identical_texts_are_one_equal_piece() {
        assertThat(WordDiff.diff("same text", "same text")).containsExactly(new Piece(Kind.EQUAL, "same text"));
    }

    @Test
    void chinese_characters_are_compared_one_by_one() {
        List<Piece> pieces = WordDiff.diff("请回答问题", "请仔细回答问题");

        assertThat(pieces).containsExactly(new Piece(Kind.EQUAL, "请"), new Piece(Kind.INSERT, "仔细"),
                new Piece(Kind.EQUAL, "回答问题"));
    }

    @Test
    void words_stay_whole_and_punctuation_stands_alone() {
        assertThat(WordDiff.tokens("Answer: {question}!")).containsExactly("Answer", ":", " ", "{", "question", "}", "!");
    }

    private static String join(List<Piece> pieces, Kind side) {
        return pieces.stream().filter(p -> p.kind() == Kind.EQUAL || p.kind() == side).map(Piece::text)
                .collect(Collectors.joining());
    }
}
