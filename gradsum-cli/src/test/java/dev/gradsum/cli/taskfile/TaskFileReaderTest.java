package dev.gradsum.cli.taskfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.cli.provider.Provider;
import dev.gradsum.exception.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFileReaderTest {
    @TempDir
    Path dir;

    private TaskFile read(String yaml) throws IOException {
        Files.writeString(dir.resolve("task.yaml"), yaml);
        return TaskFileReader.read(dir.resolve("task.yaml"), "task.yaml");
    }

    @Test
    void every_key_of_the_documented_schema_is_read() throws IOException {
        TaskFile t = read("""
                name: gsm8k-mini
                description: Solve grade-school math word problems.
                prompt: |
                  Solve: {question}
                data:
                  path: data.jsonl
                  format: jsonl
                  fields: {question: problem}
                  split: {train: 30, validation: 30, test: 40}
                  seed: 7
                evaluation:
                  metric: numeric
                  criteria: |
                    The final number equals <EXPECTED ANSWER>.
                  expected: answer
                  scale: 1
                  pass_threshold: 0.75
                models:
                  target: {provider: openai, model: gpt-4o-mini, api_key_env: OPENAI_API_KEY, base_url: null, temperature: 0, max_tokens: 1024, timeout_seconds: 60, max_concurrency: 8}
                  judge: {provider: ollama, model: qwen2.5:7b}
                  optimizer: {provider: openai, model: gpt-4o}
                  gradient: {provider: anthropic, model: claude-3-5-haiku-latest}
                  summarizer: {provider: gemini, model: gemini-2.0-flash}
                  editor: {provider: vllm, model: qwen, base_url: "http://localhost:8000/v1"}
                search: {beam: 3, iterations: 10, candidates: 3, minibatch: 30, patience: 3, summarize: true, seed: 0, concurrency: 8, stop_when_learned: false}
                budget: {usd: 5.0, calls: 2000, tokens: 2000000}
                store: .gradsum/gradsum.db
                output: gradsum-runs
                pricing: {my-model: {input: 0.5, output: 1.5}}
                """);

        assertThat(t.name()).isEqualTo("gsm8k-mini");
        assertThat(t.prompt()).isEqualTo("Solve: {question}\n");
        assertThat(t.data().path()).isEqualTo(dir.resolve("data.jsonl"));
        assertThat(t.data().column("question")).isEqualTo("problem");
        assertThat(t.data().train()).isEqualTo(30);
        assertThat(t.data().test()).isEqualTo(40);
        assertThat(t.data().seed()).isEqualTo(7L);
        assertThat(t.evaluation().metric()).isEqualTo("numeric");
        assertThat(t.evaluation().passThreshold()).isEqualTo(0.75);
        ModelSpec target = t.models().get("target");
        assertThat(target.provider()).isEqualTo(Provider.OPENAI);
        assertThat(target.baseUrl()).isNull();
        assertThat(target.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(target.maxConcurrency()).isEqualTo(8);
        assertThat(t.models().get("judge").effectiveBaseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(t.models().get("judge").apiKeyEnv()).isNull();
        assertThat(t.models().get("gradient").apiKeyEnv()).isEqualTo("ANTHROPIC_API_KEY");
        assertThat(t.models().keySet()).containsExactly("target", "judge", "optimizer", "gradient", "summarizer", "editor");
        assertThat(t.search().beam()).isEqualTo(3);
        assertThat(t.search().summarize()).isTrue();
        assertThat(t.search().stopWhenLearned()).isFalse();
        assertThat(t.budget().usd()).isEqualTo(5.0);
        assertThat(t.budget().tokens()).isEqualTo(2_000_000L);
        assertThat(t.store()).isEqualTo(dir.resolve(".gradsum/gradsum.db"));
        assertThat(t.output()).isEqualTo("gradsum-runs");
        assertThat(t.pricing().get("my-model")).isEqualTo(new TaskFile.Price(0.5, 1.5));
        assertThat(t.judgedByModel()).isFalse();
    }

    @Test
    void prompt_file_is_read_relative_to_the_task_file_and_defaults_fill_the_rest() throws IOException {
        Files.writeString(dir.resolve("prompt.txt"), "问题：{question}");
        TaskFile t = read("""
                description: d
                prompt_file: prompt.txt
                data: {path: rows.csv}
                evaluation: {criteria: "Good?"}
                models: {target: {provider: simulated}}
                """);

        assertThat(t.prompt()).isEqualTo("问题：{question}");
        assertThat(t.promptKey()).isEqualTo("prompt_file");
        assertThat(t.name()).isEqualTo(dir.getFileName().toString());
        assertThat(t.data().format()).isEqualTo("csv");
        assertThat(t.evaluation().scale()).isEqualTo(1);
        assertThat(t.models().get("target").model()).isEqualTo("simulated");
        assertThat(t.judgedByModel()).isTrue();
    }

    @Test
    void a_duplicate_key_is_a_syntax_error_with_its_line() {
        assertThatThrownBy(() -> read("description: a\ndescription: b\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("task.yaml:2:")
                .hasMessageContaining("duplicate key");
    }

    @Test
    void a_regex_metric_needs_a_valid_pattern() {
        String base = "description: d\nprompt: p\ndata: {path: d.jsonl}\nmodels: {target: {provider: simulated}}\n";
        assertThatThrownBy(() -> read(base + "evaluation: {metric: regex}"))
                .hasMessage("task.yaml: evaluation.pattern: required with metric: regex");
        assertThatThrownBy(() -> read(base + "evaluation: {metric: regex, pattern: \"(\"}"))
                .hasMessageStartingWith("task.yaml: evaluation.pattern: not a valid regular expression");
        assertThatThrownBy(() -> read(base + "evaluation: {metric: exact, pattern: x, expected: a}"))
                .hasMessage("task.yaml: evaluation.pattern: only used with metric: regex");
    }

    @Test
    void nothing_to_rate_by_is_a_mistake() {
        assertThatThrownBy(() -> read("description: d\nprompt: p\ndata: {path: d.jsonl}\nevaluation: {scale: 5}\n"
                + "models: {target: {provider: simulated}}"))
                .hasMessage("task.yaml: evaluation: give a metric (exact, numeric, choice, contains, regex) or criteria for the LLM judge");
    }
}
