package dev.gradsum.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.exception.ConfigurationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SplitTest {
    private static Dataset rows(int n) {
        return Dataset.of("rows", IntStream.rangeClosed(1, n)
                .mapToObj(i -> new Example("r" + i, Map.of("q", "question " + i)))
                .collect(Collectors.toList()));
    }

    private static List<String> ids(List<Example> examples) {
        return examples.stream().map(Example::id).collect(Collectors.toList());
    }

    @Test
    void parts_have_the_requested_sizes_and_share_no_row() {
        Split split = Split.of(rows(120), 30, 30, 50, 7);

        assertThat(split.train()).hasSize(30);
        assertThat(split.validation()).hasSize(30);
        assertThat(split.test()).hasSize(50);
        Set<String> all = new HashSet<>();
        Stream.of(split.train(), split.validation(), split.test()).forEach(part -> all.addAll(ids(part)));
        assertThat(all).hasSize(110);
    }

    @Test
    void the_same_seed_gives_the_same_split() {
        Split a = Split.of(rows(200), 30, 40, 100, 42);
        Split b = Split.of(rows(200), 30, 40, 100, 42);

        assertThat(ids(a.train())).isEqualTo(ids(b.train()));
        assertThat(ids(a.validation())).isEqualTo(ids(b.validation()));
        assertThat(ids(a.test())).isEqualTo(ids(b.test()));
    }

    @Test
    void a_different_seed_gives_a_different_split() {
        assertThat(ids(Split.of(rows(200), 30, 40, 100, 1).train()))
                .isNotEqualTo(ids(Split.of(rows(200), 30, 40, 100, 2).train()));
    }

    @Test
    void rows_are_shuffled_not_taken_in_file_order() {
        Split split = Split.of(rows(100), 10, 0, 0, 3);

        assertThat(ids(split.train())).isNotEqualTo(ids(rows(100).examples().subList(0, 10)));
    }

    @Test
    void the_shuffle_is_fisher_yates_with_java_util_random_so_other_tools_can_replay_it() {
        List<String> expected = new ArrayList<>(ids(rows(10).examples()));
        java.util.Random random = new java.util.Random(99);
        for (int i = expected.size() - 1; i > 0; i--) {
            java.util.Collections.swap(expected, i, random.nextInt(i + 1));
        }

        Split split = Split.of(rows(10), 4, 3, 3, 99);

        List<String> actual = new ArrayList<>(ids(split.train()));
        actual.addAll(ids(split.validation()));
        actual.addAll(ids(split.test()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void the_whole_dataset_can_be_used() {
        Split split = Split.of(rows(5), 3, 1, 1, 0);

        assertThat(split.train().size() + split.validation().size() + split.test().size()).isEqualTo(5);
    }

    @Test
    void the_dataset_is_left_unchanged() {
        Dataset data = rows(20);
        List<String> before = ids(data.examples());

        Split.of(data, 10, 5, 5, 11);

        assertThat(ids(data.examples())).isEqualTo(before);
    }

    @Test
    void sizes_larger_than_the_data_say_how_many_rows_there_are() {
        assertThatThrownBy(() -> Split.of(rows(120), 30, 30, 100, 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("split: train 30 + validation 30 + test 100 = 160 rows, but the dataset has 120; "
                        + "lower the sizes");
    }

    @Test
    void a_split_of_test_rows_only_scores_every_row_for_eval_in_the_order_any_split_of_that_seed_shuffles_them() {
        Split all = Split.of(rows(10), 0, 0, 10, 1);
        Split searched = Split.of(rows(10), 3, 2, 5, 1);
        assertThat(all.train()).isEmpty();
        assertThat(all.validation()).isEmpty();
        assertThat(all.test()).hasSize(10);
        assertThat(all.test().subList(0, 3)).isEqualTo(searched.train());
        assertThat(all.test().subList(5, 10)).isEqualTo(searched.test());
    }

    @Test
    void huge_sizes_do_not_overflow_into_a_valid_looking_sum() {
        assertThatThrownBy(() -> Split.of(rows(10), Integer.MAX_VALUE, Integer.MAX_VALUE, 2, 1))
                .hasMessageContaining("= 4294967296 rows, but the dataset has 10");
    }

    @Test
    void negative_sizes_are_rejected() {
        assertThatThrownBy(() -> Split.of(rows(10), -1, 2, 2, 1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("split: train must be at least 0, was -1");
        assertThatThrownBy(() -> Split.of(rows(10), 2, -1, 2, 1))
                .hasMessage("split: validation must be at least 0, was -1");
        assertThatThrownBy(() -> Split.of(rows(10), 2, 2, -3, 1))
                .hasMessage("split: test must be at least 0, was -3");
    }

    @Test
    void parts_cannot_be_modified() {
        Split split = Split.of(rows(10), 2, 2, 2, 1);

        assertThatThrownBy(() -> split.train().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
