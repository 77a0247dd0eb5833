package dev.gradsum.cli.taskfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void edit_distance_counts_insertions_deletions_and_substitutions() {
        assertThat(Suggestions.distance("beems", "beam")).isEqualTo(2);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }

    @Test
    void a_near_typo_gets_the_nearest_known_word() {
        assertThat(Suggestions.didYouMean("beems", List.of("beam", "iterations", "seed")))
                .isEqualTo("; did you mean \"beam\"?");
        assertThat(Suggestions.closest("Iteration", List.of("beam", "iterations"))).contains("iterations");
    }

    @Test
    void a_word_far_from_everything_gets_no_suggestion() {
        assertThat(Suggestions.closest("colour", List.of("beam", "iterations", "seed"))).isEmpty();
        assertThat(Suggestions.didYouMean("zzzzzz", List.of("name"))).isEmpty();
    }
}
