package dev.gradsum.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.CallPath;
import dev.gradsum.model.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    private static ModelSpec spec(String role, String model) {
        return new ModelSpec(role, Provider.OPENAI, model, null, null, null, null, CallPath.DEFAULT_TIMEOUT, null);
    }

    @Test
    void a_role_without_its_own_section_takes_the_library_fallback() {
        Map<String, ModelSpec> models = Map.of("target", spec("target", "small"), "optimizer", spec("optimizer", "big"),
                "summarizer", spec("summarizer", "mid"));

        assertThat(ModelSpec.forRole(models, Role.TARGET).model()).isEqualTo("small");
        assertThat(ModelSpec.forRole(models, Role.JUDGE).model()).isEqualTo("small");
        assertThat(ModelSpec.forRole(models, Role.GRADIENT).model()).isEqualTo("big");
        assertThat(ModelSpec.forRole(models, Role.SUMMARIZER).model()).isEqualTo("mid");
        assertThat(ModelSpec.forRole(Map.of("target", spec("target", "small")), Role.EDITOR).model()).isEqualTo("small");
    }
}
