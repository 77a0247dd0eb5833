package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recording cache writes every answered call, sorted by key; the replay cache answers from it or stops. */
class RecordedAnswersTest {
    @TempDir
    Path dir;

    @Test
    void answers_from_the_model_and_from_the_wrapped_cache_are_both_recorded_sorted_by_key() throws Exception {
        CallCache store = CallCache.inMemory();
        store.put("b-key", new CallRecord(Role.JUDGE, "OTHER", "m", LlmRequest.user("judge this"),
                new LlmReply("{\"score\": 1}", 5, 2, false), 0));
        Path file = dir.resolve("rec.jsonl");
        RecordingCallCache recording = CallCache.recording(store, file);

        recording.get("b-key", new CallCache.Asked(Role.JUDGE, "OTHER", "m", LlmRequest.user("judge this")));
        recording.put("a-key", new CallRecord(Role.TARGET, "OTHER", "m", LlmRequest.user("Capital of France?\nOne word."),
                new LlmReply("Paris", "thinking", 7, 1, false), 0.01));
        recording.close();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"key\":\"a-key\",\"role\":\"target\",\"provider\":\"OTHER\",\"model\":\"m\"")
                .contains("\"reply\":\"Paris\",\"reasoning\":\"thinking\",\"input_tokens\":7,\"output_tokens\":1");
        assertThat(lines.get(1)).startsWith("{\"key\":\"b-key\",\"role\":\"judge\"");
        assertThat(store.get("a-key")).isPresent();

        CallCache replay = CallCache.replaying(file);
        assertThat(replay.get("a-key", new CallCache.Asked(Role.TARGET, "OTHER", "m", LlmRequest.user("x"))))
                .map(LlmReply::text).contains("Paris");
        assertThatThrownBy(() -> replay.get("c-key", new CallCache.Asked(Role.GRADIENT, "OTHER", "big",
                LlmRequest.user("Why did it fail?\nDetails follow."))))
                .isInstanceOf(RecordingMissException.class)
                .hasMessageContaining("no recorded answer for the gradient (big) to the prompt \"Why did it fail?\"");
    }

    @Test
    void a_recording_that_is_not_json_lines_is_a_configuration_mistake_naming_the_line() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"key\":\"k\",\"reply\":\"r\"}\nnot json\n");
        assertThatThrownBy(() -> CallCache.replaying(file)).hasMessageContaining("line 2");
    }
}
