package dev.gradsum.model;

import dev.gradsum.exception.ConfigurationException;
import dev.langchain4j.model.chat.ChatModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which LangChain4j {@link ChatModel} plays each {@link Role}. Unset roles fall back: judge → target;
 * gradient, summarizer, editor → optimizer → target ({@link #resolve}, the one owner of that rule).
 * Only the target is required. Immutable.
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

    /**
     * What plays {@code role} after the fallbacks, for any per-role setting (a model, a task file's
     * model section, ...): the role's own value; else, for gradient, summarizer and editor, the
     * optimizer's; else the target's.
     *
     * @param own       the value set for a role, {@code null} when unset
     * @param optimizer the optimizer's value, or {@code null} when none is set
     * @return the value, or {@code null} when neither the role, the optimizer (where it applies) nor the target has one
     */
    public static <T> T resolve(Role role, Function<Role, T> own, T optimizer) {
        Objects.requireNonNull(role, "role");
        T value = own.apply(role);
        if (value != null) {
            return value;
        }
        boolean optimizing = role == Role.GRADIENT || role == Role.SUMMARIZER || role == Role.EDITOR;
        if (optimizing && optimizer != null) {
            return optimizer;
        }
        return own.apply(Role.TARGET);
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
                throw new ConfigurationException("ModelRoles.builder(): no model for the target role; set one with"
                        + " target(...) (judge, gradient, summarizer and editor fall back to it)");
            }
            Map<Role, ChatModel> all = new EnumMap<>(Role.class);
            for (Role r : Role.values()) {
                all.put(r, resolve(r, explicit::get, optimizer));
            }
            return new ModelRoles(all);
        }
    }
}
