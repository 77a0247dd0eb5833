package dev.gradsum.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.cli.provider.ModelCapabilities.Capability;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelCapabilitiesTest {
    private final ModelCapabilities table = ModelCapabilities.defaults();

    @Test
    void openai_reasoning_families_take_no_temperature_and_want_max_completion_tokens() {
        for (String model : List.of("o1", "o1-mini", "o3", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano",
                "openai/gpt-5-mini", "GPT-5-2025-08-07")) {
            Capability c = table.lookup(Provider.OPENAI_COMPATIBLE, model);
            assertThat(c.sends("temperature")).as(model).isFalse();
            assertThat(c.maxTokensParameter()).as(model).isEqualTo("max_completion_tokens");
        }
    }

    @Test
    void other_models_send_everything() {
        for (String model : List.of("gpt-4o-mini", "gpt-4.1", "o3x", "qwen3:8b", "llama3.1")) {
            assertThat(table.lookup(Provider.OPENAI_COMPATIBLE, model)).as(model).isEqualTo(Capability.ALL);
        }
        assertThat(table.lookup(Provider.ANTHROPIC, "o3")).isEqualTo(Capability.ALL);
    }

    @Test
    void a_sections_overrides_replace_its_row() {
        ModelSpec spec = new ModelSpec("target", Provider.OPENAI, "gpt-5-mini", null, null, null, null,
                Duration.ofSeconds(1), null, null, null, Set.of(), "max_tokens");

        Capability c = table.of(spec);

        assertThat(c.sends("temperature")).isTrue();
        assertThat(c.maxTokensParameter()).isEqualTo("max_tokens");
    }

    @Test
    void a_table_row_naming_an_unknown_parameter_is_refused() {
        assertThatThrownBy(() -> ModelCapabilities.parse(List.of("api,model_pattern,unsupported,max_tokens_parameter",
                "openai,x.*,temprature,")))
                .hasMessageContaining("unknown parameter \"temprature\"");
    }
}
