package dev.gradsum.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinibatchTest {
    private final List<Example> train = LoopFixture.rows("train", 40);

    @Test
    void a_training_split_no_larger_than_the_minibatch_is_used_whole() {
        assertThat(Minibatch.draw(train, 40, 1, 1, "c0")).isEqualTo(train);
        assertThat(Minibatch.draw(train, 100, 1, 1, "c0")).isEqualTo(train);
    }

    @Test
    void a_minibatch_is_a_seeded_sample_of_distinct_rows_in_split_order() {
        List<Example> batch = Minibatch.draw(train, 10, 5, 2, "c3");

        assertThat(batch).hasSize(10).doesNotHaveDuplicates().isSubsetOf(train);
        assertThat(batch).isSortedAccordingTo((a, b) -> Integer.compare(train.indexOf(a), train.indexOf(b)));
        assertThat(Minibatch.draw(train, 10, 5, 2, "c3")).isEqualTo(batch);
    }

    @Test
    void another_seed_iteration_or_prompt_draws_another_minibatch() {
        List<Example> batch = Minibatch.draw(train, 10, 5, 2, "c3");

        assertThat(Minibatch.draw(train, 10, 6, 2, "c3")).isNotEqualTo(batch);
        assertThat(Minibatch.draw(train, 10, 5, 3, "c3")).isNotEqualTo(batch);
        assertThat(Minibatch.draw(train, 10, 5, 2, "c4")).isNotEqualTo(batch);
    }
}
