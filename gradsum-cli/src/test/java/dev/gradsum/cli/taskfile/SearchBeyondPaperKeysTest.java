package dev.gradsum.cli.taskfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.search.SearchOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** search.selection, search.gate, search.validation, search.min_confidence and evaluation.judge_samples (issue 13). */
class SearchBeyondPaperKeysTest {
    @TempDir
    Path dir;

    private TaskFile read(String evaluation, String search) throws IOException {
        Files.writeString(dir.resolve("d.jsonl"), "{\"q\": \"a\", \"answer\": \"b\"}\n");
        Files.writeString(dir.resolve("task.yaml"), "description: d\nprompt: \"{q}\"\ndata: {path: d.jsonl}\n"
                + "evaluation: " + evaluation + "\nmodels: {target: {provider: simulated}}\nsearch: " + search + "\n");
        return TaskFileReader.read(dir.resolve("task.yaml"), "task.yaml");
    }

    private static final String JUDGE = "{criteria: \"names <EXPECTED ANSWER>\", expected: answer, judge_samples: 5}";

    @Test
    void the_keys_are_read() throws IOException {
        TaskFile t = read(JUDGE, "{selection: pareto, gate: minibatch, validation: halving, min_confidence: 0.9}");

        assertThat(t.search().selection()).isEqualTo(SearchOptions.Selection.PARETO);
        assertThat(t.search().gate()).isTrue();
        assertThat(t.search().validation()).isEqualTo(SearchOptions.Validation.HALVING);
        assertThat(t.search().minConfidence()).isEqualTo(0.9);
        assertThat(t.evaluation().judgeSamples()).isEqualTo(5);
    }

    @Test
    void absent_keys_leave_the_library_defaults_and_the_gate_takes_booleans() throws IOException {
        TaskFile t = read(JUDGE.replace(", judge_samples: 5", ""), "{gate: false}");

        assertThat(t.search().selection()).isNull();
        assertThat(t.search().validation()).isNull();
        assertThat(t.search().minConfidence()).isNull();
        assertThat(t.search().gate()).isFalse();
        assertThat(t.evaluation().judgeSamples()).isNull();
        assertThat(read(JUDGE, "{gate: true, selection: BEAM}").search().gate()).isTrue();
    }

    @Test
    void wrong_values_are_named_by_key() {
        assertThatThrownBy(() -> read(JUDGE, "{validation: halve}")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("search.validation").hasMessageContaining("halving");
        assertThatThrownBy(() -> read(JUDGE, "{gate: sometimes}")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("search.gate").hasMessageContaining("minibatch");
        assertThatThrownBy(() -> read(JUDGE, "{min_confidence: 0.3}")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("search.min_confidence").hasMessageContaining("between 0.5 and 1");
        assertThatThrownBy(() -> read(JUDGE.replace("5", "16"), "{}")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("evaluation.judge_samples").hasMessageContaining("at most 15");
        assertThatThrownBy(() -> read("{metric: exact, expected: answer, judge_samples: 3}", "{}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("evaluation.judge_samples").hasMessageContaining("LLM judge");
    }
}
