package dev.gradsum.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRolesTest {
    private final ScriptedChatModel target = ScriptedChatModel.answering("t");
    private final ScriptedChatModel optimizer = ScriptedChatModel.answering("o");
    private final ScriptedChatModel judge = ScriptedChatModel.answering("j");
    private final ScriptedChatModel editor = ScriptedChatModel.answering("e");

    @Test
    void one_model_plays_every_role() {
        ModelRoles roles = ModelRoles.of(target);
        for (Role r : Role.values()) {
            assertThat(roles.model(r)).isSameAs(target);
        }
    }

    @Test
    void judge_falls_back_to_target_and_optimizing_roles_to_the_optimizer() {
        ModelRoles roles = ModelRoles.builder().target(target).optimizer(optimizer).build();
        assertThat(roles.model(Role.JUDGE)).isSameAs(target);
        assertThat(roles.model(Role.GRADIENT)).isSameAs(optimizer);
        assertThat(roles.model(Role.SUMMARIZER)).isSameAs(optimizer);
        assertThat(roles.model(Role.EDITOR)).isSameAs(optimizer);
    }

    @Test
    void optimizing_roles_fall_back_to_target_without_an_optimizer() {
        ModelRoles roles = ModelRoles.builder().target(target).build();
        assertThat(roles.model(Role.GRADIENT)).isSameAs(target);
        assertThat(roles.model(Role.EDITOR)).isSameAs(target);
    }

    @Test
    void resolve_applies_the_same_fallbacks_to_any_per_role_setting() {
        Map<Role, String> own = Map.of(Role.TARGET, "t", Role.SUMMARIZER, "s");

        assertThat(ModelRoles.resolve(Role.SUMMARIZER, own::get, "o")).isEqualTo("s");
        assertThat(ModelRoles.resolve(Role.EDITOR, own::get, "o")).isEqualTo("o");
        assertThat(ModelRoles.resolve(Role.GRADIENT, own::get, null)).isEqualTo("t");
        assertThat(ModelRoles.resolve(Role.JUDGE, own::get, "o")).as("the judge never takes the optimizer").isEqualTo("t");
        assertThat(ModelRoles.resolve(Role.JUDGE, Map.<Role, String>of()::get, "o")).isNull();
    }

    @Test
    void a_role_set_explicitly_beats_its_fallback() {
        ModelRoles roles = ModelRoles.builder().target(target).optimizer(optimizer)
                .judge(judge).editor(editor).build();
        assertThat(roles.model(Role.JUDGE)).isSameAs(judge);
        assertThat(roles.model(Role.EDITOR)).isSameAs(editor);
        assertThat(roles.model(Role.SUMMARIZER)).isSameAs(optimizer);
        assertThat(roles.model(Role.TARGET)).isSameAs(target);
    }

    @Test
    void missing_target_is_a_configuration_error_naming_the_role() {
        assertThatThrownBy(() -> ModelRoles.builder().judge(judge).optimizer(optimizer).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("target");
    }
}
