package dev.gradsum.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradsum.exception.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricingTest {
    private final Pricing defaults = Pricing.defaults();

    @Test
    void bundled_table_prices_the_common_models() {
        for (String model : new String[] {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano",
                "gpt-3.5-turbo", "o3-mini", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1",
                "claude-3-5-sonnet", "claude-3-5-haiku", "gemini-2.0-flash", "gemini-2.5-flash", "gemini-2.5-pro"}) {
            assertThat(defaults.knows(model)).as(model).isTrue();
        }
    }

    @Test
    void cost_is_tokens_times_price_per_million() {
        // gpt-4o-mini: 0.15 in, 0.60 out per million
        assertThat(defaults.cost("gpt-4o-mini", 1_000_000, 1_000_000)).isCloseTo(0.75, within(1e-9));
        assertThat(defaults.cost("gpt-4o", 2000, 1000)).isCloseTo(0.015, within(1e-9));
    }

    @Test
    void dated_and_prefixed_names_get_the_price_of_their_model() {
        assertThat(defaults.cost("gpt-4o-mini-2024-07-18", 1_000_000, 0)).isCloseTo(0.15, within(1e-9));
        assertThat(defaults.cost("claude-sonnet-4-5-20250929", 1_000_000, 0)).isCloseTo(3.0, within(1e-9));
        assertThat(defaults.cost("claude-3-5-haiku-latest", 0, 1_000_000)).isCloseTo(4.0, within(1e-9));
        assertThat(defaults.cost("models/gemini-2.0-flash-001", 1_000_000, 0)).isCloseTo(0.10, within(1e-9));
        assertThat(defaults.cost("GPT-4.1", 1_000_000, 0)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void a_dated_model_with_its_own_row_keeps_its_own_price() {
        assertThat(defaults.cost("gpt-4o-2024-05-13", 1_000_000, 0)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void unknown_model_costs_nothing_and_is_not_known() {
        assertThat(defaults.knows("my-local-llama")).isFalse();
        assertThat(defaults.cost("my-local-llama", 1_000_000, 1_000_000)).isZero();
        assertThat(Pricing.none().knows("gpt-4o")).isFalse();
    }

    @Test
    void with_adds_or_replaces_a_price_without_changing_the_original() {
        Pricing custom = defaults.with("my-local-llama", 1, 2).with("gpt-4o", 0, 0);
        assertThat(custom.cost("my-local-llama", 1_000_000, 1_000_000)).isCloseTo(3.0, within(1e-9));
        assertThat(custom.cost("gpt-4o", 1_000_000, 1_000_000)).isZero();
        assertThat(defaults.knows("my-local-llama")).isFalse();
    }

    @Test
    void a_user_price_file_is_read_and_a_bad_row_names_file_and_line(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("prices.csv");
        Files.writeString(good, "# mine\nmodel,input_per_million,output_per_million\nqwen-7b,0.1,0.2\n");
        assertThat(Pricing.fromCsv(good).cost("qwen-7b", 1_000_000, 1_000_000)).isCloseTo(0.3, within(1e-9));

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "model,input_per_million,output_per_million\n# cheap ones\nqwen-7b,0.1,0.2\nqwen-14b,cheap,0.4\n");
        assertThatThrownBy(() -> Pricing.fromCsv(bad))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(bad + ":4: input_per_million must be a number");
        Path firstRowBad = dir.resolve("first.csv");
        Files.writeString(firstRowBad, "model,input_per_million,output_per_million\nqwen-7b,0.1\n");
        assertThatThrownBy(() -> Pricing.fromCsv(firstRowBad))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(firstRowBad + ":2: missing output_per_million");
    }

    @Test
    void a_batch_call_costs_half_the_list_price_at_openai_anthropic_and_gemini_and_the_full_price_elsewhere() {
        Pricing p = Pricing.none().with("m", 2, 8);
        double list = p.cost("m", 1_000_000, 1_000_000);
        assertThat(p.batchCost("OPEN_AI", "m", 1_000_000, 1_000_000)).isEqualTo(list / 2);
        assertThat(p.batchCost("ANTHROPIC", "m", 1_000_000, 1_000_000)).isEqualTo(list / 2);
        assertThat(p.batchCost("GOOGLE_AI_GEMINI", "m", 1_000_000, 1_000_000)).isEqualTo(list / 2);
        assertThat(p.batchCost("OLLAMA", "m", 1_000_000, 1_000_000)).isEqualTo(list);
        assertThat(Pricing.batchShare(null)).isEqualTo(1);
    }
}
