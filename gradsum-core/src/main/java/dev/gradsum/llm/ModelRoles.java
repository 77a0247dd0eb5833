package dev.gradsum.llm;

import dev.gradsum.ConfigurationException;
import dev.langchain4j.model.chat.ChatModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which LangChain4j {@link ChatModel} plays each {@link Role}. Unset roles fall back: judge → target;
 * gradient, summarizer, editor → optimizer → target. Only the target is required. Immutable.
 */
public final class ModelRoles {
    private final Map<Role, ChatModel> models;

    private ModelRoles(Map<Role, ChatModel> models) {
        this.models = Map.copyOf(models);
    }

    /** Every role played by one model. */
    public static ModelRoles of(ChatModel model) {
        return builder().target(model).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model for {@code role}, after fallbacks. */
    public ChatModel model(Role role) {
        return models.get(Objects.requireNonNull(role, "role"));
    }

    /** Configures the models per role; unset roles fall back when {@link #build()} runs. */
    public static final class Builder {
        private final Map<Role, ChatModel> explicit = new EnumMap<>(Role.class);
        private ChatModel optimizer;

        private Builder() {
        }

        public Builder target(ChatModel m) {
            return role(Role.TARGET, m);
        }

        public Builder judge(ChatModel m) {
            return role(Role.JUDGE, m);
        }

        /** Fallback for gradient, summarizer and editor (the paper used a stronger model for editing). */
        public Builder optimizer(ChatModel m) {
            this.optimizer = Objects.requireNonNull(m, "optimizer model");
            return this;
        }

        public Builder gradient(ChatModel m) {
            return role(Role.GRADIENT, m);
        }

        public Builder summarizer(ChatModel m) {
            return role(Role.SUMMARIZER, m);
        }

        public Builder editor(ChatModel m) {
            return role(Role.EDITOR, m);
        }

        public Builder role(Role role, ChatModel m) {
            explicit.put(Objects.requireNonNull(role, "role"),
                    Objects.requireNonNull(m, () -> role.key() + " model"));
            return this;
        }

        /** @throws ConfigurationException when no target model was given */
        public ModelRoles build() {
            ChatModel target = explicit.get(Role.TARGET);
            if (target == null) {
                throw new ConfigurationException("models.target: no model for the target role;"
                        + " set one (judge, gradient, summarizer and editor fall back to it)");
            }
            ChatModel optimizing = optimizer != null ? optimizer : target;
            Map<Role, ChatModel> all = new EnumMap<>(Role.class);
            all.put(Role.TARGET, target);
            all.put(Role.JUDGE, explicit.getOrDefault(Role.JUDGE, target));
            for (Role r : new Role[] {Role.GRADIENT, Role.SUMMARIZER, Role.EDITOR}) {
                all.put(r, explicit.getOrDefault(r, optimizing));
            }
            return new ModelRoles(all);
        }
    }
}
