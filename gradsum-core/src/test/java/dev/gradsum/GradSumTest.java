package dev.gradsum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.data.Dataset;
import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.data.Split;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.llm.CallCache;
import dev.gradsum.metric.Score;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.gradsum.modules.Evaluation;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GradSumTest {
    private static final Task TASK = Task.builder().name("echo").description("Repeat the word.")
            .prompt("Repeat {word}").metric(new dev.gradsum.metric.Metric() {
                @Override
                public String name() {
                    return "echo";
                }

                @Override
                public Score score(Example example, String output) {
                    return output.equals(example.get("word")) ? Score.pass("same") : Score.fail("different");
                }
            }).build();

    private static List<Example> rows(int n) {
        List<Example> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new Example(String.valueOf(i), Map.of("word", "w" + i)));
        }
        return rows;
    }

    private static GradSum.Builder withoutData() {
        return GradSum.builder().task(TASK).models(ModelRoles.of(ScriptedChatModel.answering("w1")));
    }

    private static GradSum.Builder ready() {
        return withoutData().split(new Split(rows(3), rows(3), rows(3)));
    }

    @Test
    void everything_missing_is_named_in_one_line() {
        assertThatThrownBy(() -> GradSum.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("GradSum.builder(): missing task(...), models(...), dataset(...) or split(...)");
    }

    @Test
    void a_dataset_and_a_split_together_are_refused() {
        assertThatThrownBy(() -> ready().dataset(Dataset.of("d", rows(9))).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not both");
    }

    @Test
    void a_bad_search_knob_is_a_configuration_error_naming_it() {
        assertThatThrownBy(() -> ready().beamSize(0))
                .isInstanceOf(ConfigurationException.class).hasMessage("beamSize must be >= 1, was 0");
        assertThatThrownBy(() -> ready().maxConcurrency(0))
                .isInstanceOf(ConfigurationException.class).hasMessage("maxConcurrency must be >= 1, was 0");
    }

    @Test
    void a_placeholder_missing_from_the_data_is_named_with_its_row() {
        List<Example> bad = List.of(new Example("7", Map.of("text", "x")));
        assertThatThrownBy(() -> ready().split(new Split(rows(2), bad, rows(1))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("split: row 7: no field \"word\" for the prompt's placeholder {word} (fields: text)");
    }

    @Test
    void the_default_split_is_thirty_thirty_and_the_rest_up_to_a_hundred() {
        GradSum big = withoutData().dataset(Dataset.of("big", rows(500))).build();
        assertThat(big.split().train()).hasSize(30);
        assertThat(big.split().validation()).hasSize(30);
        assertThat(big.split().test()).hasSize(100);
    }

    @Test
    void a_small_dataset_gets_a_third_each_for_train_and_validation_and_the_rest_for_test() {
        GradSum small = withoutData().dataset(Dataset.of("small", rows(10))).build();
        assertThat(small.split().train()).hasSize(3);
        assertThat(small.split().validation()).hasSize(3);
        assertThat(small.split().test()).hasSize(4);
    }

    @Test
    void to_builder_changes_a_copy_and_leaves_the_original_alone() {
        GradSum original = ready().iterations(4).build();
        GradSum changed = original.toBuilder().iterations(1).summarize(false).build();

        assertThat(original.options().iterations()).isEqualTo(4);
        assertThat(original.options().summarize()).isTrue();
        assertThat(changed.options().iterations()).isEqualTo(1);
        assertThat(changed.options().summarize()).isFalse();
        assertThat(changed.split()).isEqualTo(original.split());
    }

    @Test
    void search_options_and_single_knobs_together_are_refused_naming_the_knob() {
        assertThatThrownBy(() -> ready().iterations(2).options(dev.gradsum.search.SearchOptions.defaults()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("options(...) and iterations(...) are both set");
        assertThatThrownBy(() -> ready().options(dev.gradsum.search.SearchOptions.defaults()).seed(3).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("options(...) and seed(...) are both set");
    }

    @Test
    void to_builder_keeps_options_given_as_a_value_and_lets_single_knobs_change_them() {
        dev.gradsum.search.SearchOptions given = dev.gradsum.search.SearchOptions.builder().beamSize(5).iterations(4).build();
        GradSum original = ready().options(given).build();
        GradSum changed = original.toBuilder().iterations(1).build();

        assertThat(changed.options()).isEqualTo(given.toBuilder().iterations(1).build());
        assertThat(original.options()).isEqualTo(given);
    }

    @Test
    void each_built_instance_has_its_own_cache_unless_one_is_given() {
        ScriptedChatModel target = new ScriptedChatModel("t", c -> c.user().replace("Say ", ""));
        GradSum.Builder builder = ready().models(ModelRoles.of(target));
        builder.build().evaluate(PromptTemplate.of("Say {word}"), rows(2));
        builder.build().evaluate(PromptTemplate.of("Say {word}"), rows(2));
        assertThat(target.callCount()).isEqualTo(4);

        GradSum first = builder.build();
        first.evaluate(PromptTemplate.of("Say {word}"), rows(2));
        first.toBuilder().build().evaluate(PromptTemplate.of("Say {word}"), rows(2));
        assertThat(target.callCount()).as("toBuilder shares the instance's cache").isEqualTo(6);
    }

    @Test
    void evaluate_generates_and_rates_a_prompt_on_the_given_rows() {
        ScriptedChatModel target = new ScriptedChatModel("t", c -> c.user().replace("Say ", ""));
        GradSum g = ready().models(ModelRoles.of(target)).build();

        GradSum.Evaluated evaluated = g.evaluate(PromptTemplate.of("Say {word}"), rows(2));
        List<Evaluation> rated = evaluated.rows();

        assertThat(rated).extracting(e -> e.generation().output()).containsExactly("w1", "w2");
        assertThat(rated).allMatch(e -> e.score().passed());
        assertThat(evaluated.score()).isEqualTo(1.0);
        assertThat(evaluated.rated()).isEqualTo(2);
        assertThat(evaluated.passed()).isEqualTo(2);
        assertThat(evaluated.errors()).isZero();
        assertThat(evaluated.total().calls()).as("the target's calls, paid").isEqualTo(2);
        assertThat(evaluated.usage()).containsOnlyKeys(dev.gradsum.model.Role.TARGET);
    }

    @Test
    void evaluate_counts_a_failed_row_apart_and_scores_only_the_rated_ones() {
        ScriptedChatModel target = new ScriptedChatModel("t", c -> {
            if (c.user().contains("w2")) {
                throw new IllegalStateException("refused");
            }
            return c.user().replace("Say ", "");
        });
        GradSum g = ready().models(ModelRoles.of(target)).retryPolicy(dev.gradsum.model.RetryPolicy.none()).build();

        GradSum.Evaluated evaluated = g.evaluate(PromptTemplate.of("Say {word}"), rows(3));

        assertThat(evaluated.rated()).isEqualTo(2);
        assertThat(evaluated.errors()).isEqualTo(1);
        assertThat(evaluated.failedGenerations()).isEqualTo(1);
        assertThat(evaluated.score()).isEqualTo(1.0);
        assertThat(evaluated.total().failures()).isEqualTo(1);
    }

    @Test
    void optimize_reports_usage_per_role_and_in_total() {
        ScriptedChatModel target = ScriptedChatModel.answering("w1");
        ScriptedChatModel optimizer = new ScriptedChatModel("o", c -> c.text().contains("<count>")
                ? "{\"prompts\": [\"Repeat exactly {word}\"]}" : "Say only the word.");
        OptimizationResult r = ready().models(ModelRoles.builder().target(target).optimizer(optimizer).build())
                .cache(CallCache.none()).pricing(Pricing.none()).retryPolicy(RetryPolicy.none())
                .iterations(1).build().optimize();

        assertThat(r.usage().get(Role.TARGET).calls()).isEqualTo(target.callCount());
        assertThat(r.usage().get(Role.GRADIENT).calls()).isEqualTo(2);
        assertThat(r.usage().get(Role.SUMMARIZER).calls()).isEqualTo(1);
        assertThat(r.usage().get(Role.EDITOR).calls()).isEqualTo(1);
        assertThat(r.total().calls()).isEqualTo(target.callCount() + optimizer.callCount());
        assertThat(r.elapsed()).isPositive();
        assertThat(r.candidates()).extracting(c -> c.id()).containsExactly("c0", "c1");
    }
}
