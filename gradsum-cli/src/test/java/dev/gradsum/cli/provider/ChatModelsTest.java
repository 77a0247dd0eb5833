package dev.gradsum.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.taskfile.TaskFile;
import dev.gradsum.cli.taskfile.TaskFileReader;
import dev.gradsum.model.ModelRoles;
import dev.gradsum.model.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatModelsTest {
    @TempDir
    Path dir;

    @Test
    void simulated_optimizer_gives_each_optimizing_role_its_own_simulated_model() throws IOException {
        ModelRoles roles = rolesOf("target: {provider: simulated}\n  optimizer: {provider: simulated}");

        assertThat(roles.model(Role.TARGET).getClass().getSimpleName()).isEqualTo("SimulatedTarget");
        assertThat(roles.model(Role.JUDGE).getClass().getSimpleName()).isEqualTo("SimulatedJudge");
        assertThat(roles.model(Role.GRADIENT).getClass().getSimpleName()).isEqualTo("SimulatedGradientModel");
        assertThat(roles.model(Role.SUMMARIZER).getClass().getSimpleName()).isEqualTo("SimulatedSummarizer");
        assertThat(roles.model(Role.EDITOR).getClass().getSimpleName()).isEqualTo("SimulatedEditor");
    }

    @Test
    void a_real_judge_next_to_a_simulated_target_stays_real() throws IOException {
        ModelRoles roles = rolesOf("target: {provider: simulated}\n"
                + "  judge: {provider: openai-compatible, model: m, base_url: \"http://127.0.0.1:1/v1\"}");

        assertThat(roles.model(Role.TARGET).getClass().getSimpleName()).isEqualTo("SimulatedTarget");
        assertThat(roles.model(Role.JUDGE).getClass().getSimpleName()).doesNotStartWith("Simulated");
        assertThat(roles.model(Role.EDITOR).getClass().getSimpleName()).isEqualTo("SimulatedEditor");
    }

    @Test
    void an_anthropic_section_the_editor_falls_back_to_gets_room_for_k_prompts_by_default() throws IOException {
        TaskFile file = fileOf("target: {provider: anthropic, model: claude-haiku-4-5}\n"
                + "  judge: {provider: anthropic, model: claude-haiku-4-5}");
        ModelRoles roles = ChatModels.roles(file.models(), ApiKeys.resolve(file.models(), "task.yaml",
                Map.of("ANTHROPIC_API_KEY", "k")), 5, line -> { });

        assertThat(roles.model(Role.EDITOR).defaultRequestParameters().maxOutputTokens())
                .isEqualTo(ChatModels.DEFAULT_MAX_TOKENS + 5 * ChatModels.TOKENS_PER_PROMPT);
        assertThat(roles.model(Role.JUDGE).defaultRequestParameters().maxOutputTokens())
                .isEqualTo(ChatModels.DEFAULT_MAX_TOKENS);
    }

    private TaskFile fileOf(String models) throws IOException {
        Files.writeString(dir.resolve("d.jsonl"), "{\"q\": \"a\", \"answer\": \"b\"}\n");
        Path yaml = Files.writeString(dir.resolve("task.yaml"), "description: d\nprompt: \"{q}\"\ndata: {path: d.jsonl}\n"
                + "evaluation: {metric: exact, expected: answer}\nmodels:\n  " + models + "\n");
        return TaskFileReader.read(yaml, "task.yaml");
    }

    private ModelRoles rolesOf(String models) throws IOException {
        TaskFile file = fileOf(models);
        return ChatModels.roles(file.models(), ApiKeys.resolve(file.models(), "task.yaml", Map.of()));
    }
}
