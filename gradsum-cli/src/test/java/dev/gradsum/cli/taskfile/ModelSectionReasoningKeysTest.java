package dev.gradsum.cli.taskfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.model.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model-section keys for reasoning models and their checks (docs/cli.md, "Models"). */
class ModelSectionReasoningKeysTest {
    @TempDir
    Path dir;

    private TaskFile read(String models) throws IOException {
        Files.writeString(dir.resolve("d.jsonl"), "{\"q\": \"a\", \"answer\": \"b\"}\n");
        Files.writeString(dir.resolve("task.yaml"), "description: d\nprompt: \"{q}\"\ndata: {path: d.jsonl}\n"
                + "evaluation: {metric: exact, expected: answer}\nmodels:\n" + models);
        return TaskFileReader.read(dir.resolve("task.yaml"), "task.yaml");
    }

    @Test
    void reasoning_effort_thinking_budget_and_capability_overrides_are_read() throws IOException {
        TaskFile t = read("""
                  target: {provider: openai, model: o4-mini, reasoning_effort: low, max_tokens_parameter: max_tokens}
                  judge: {provider: anthropic, model: claude-sonnet-4-5, thinking_budget: 2048, max_tokens: 4096}
                  optimizer: {provider: gemini, model: gemini-2.5-flash, thinking_budget: 0}
                  editor: {provider: openai-compatible, model: m, base_url: "http://localhost:8000/v1", unsupported_parameters: [temperature]}
                """);

        ModelSpec target = t.model(Role.TARGET);
        assertThat(target.reasoningEffort()).isEqualTo("low");
        assertThat(target.maxTokensParameter()).isEqualTo("max_tokens");
        assertThat(t.model(Role.JUDGE).thinkingBudget()).isEqualTo(2048);
        assertThat(t.model(Role.GRADIENT).thinkingBudget()).isZero();
        assertThat(t.model(Role.EDITOR).unsupportedParameters()).isEqualTo(Set.of("temperature"));
        assertThat(target.unsupportedParameters()).isNull();
    }

    @Test
    void an_anthropic_temperature_above_one_is_refused_naming_the_key() {
        // anthropics/anthropic-sdk-python#893: the API answers 400 above 1
        assertThatThrownBy(() -> read("  target: {provider: anthropic, model: claude-haiku-4-5, temperature: 1.2}\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models.target.temperature")
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void an_openai_temperature_up_to_two_is_accepted() throws IOException {
        assertThat(read("  target: {provider: openai, model: gpt-4o-mini, temperature: 1.5}\n").model(Role.TARGET)
                .temperature()).isEqualTo(1.5);
    }

    @Test
    void an_anthropic_thinking_budget_below_1024_or_not_below_max_tokens_is_refused() {
        assertThatThrownBy(() -> read("  target: {provider: anthropic, model: c, thinking_budget: 500}\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("models.target.thinking_budget");
        assertThatThrownBy(() -> read("  target: {provider: anthropic, model: c, thinking_budget: 2048, max_tokens: 2048}\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("models.target.max_tokens")
                .hasMessageContaining("greater than thinking_budget");
    }

    @Test
    void settings_for_another_providers_wire_are_refused_with_the_one_to_use() {
        assertThatThrownBy(() -> read("  target: {provider: anthropic, model: c, reasoning_effort: low}\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("set thinking_budget");
        assertThatThrownBy(() -> read("  target: {provider: openai, model: o3, thinking_budget: 2048}\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("set reasoning_effort");
    }

    @Test
    void unknown_values_are_refused_with_a_suggestion() {
        assertThatThrownBy(() -> read("  target: {provider: openai, model: o3, reasoning_effort: hihg}\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("high");
        assertThatThrownBy(() -> read("  target: {provider: openai, model: o3, unsupported_parameters: [temprature]}\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("temperature");
    }
}
