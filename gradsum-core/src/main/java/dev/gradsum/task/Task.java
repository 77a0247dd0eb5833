package dev.gradsum.task;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.metric.Metric;
import java.util.Objects;

/**
 * What to optimize: the task in words, the initial prompt, and how answers are rated. Either a
 * programmatic {@code metric}, or {@code criteria} for the LLM judge, or both (then the metric scores
 * and the criteria text tells the gradient model what good looks like).
 */
public record Task(String name, String description, PromptTemplate prompt, Metric metric, Criteria criteria) {
    public Task {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(prompt, "prompt");
        if (metric == null && criteria == null) {
            throw new ConfigurationException("task '" + name + "': give a metric or judge criteria");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String name = "task";
        private String description;
        private PromptTemplate prompt;
        private Metric metric;
        private Criteria criteria;

        public Builder name(String name) { this.name = name; return this; }
        public Builder description(String description) { this.description = description; return this; }
        public Builder prompt(String prompt) { this.prompt = PromptTemplate.of(prompt); return this; }
        public Builder prompt(PromptTemplate prompt) { this.prompt = prompt; return this; }
        public Builder metric(Metric metric) { this.metric = metric; return this; }
        public Builder criteria(Criteria criteria) { this.criteria = criteria; return this; }

        public Task build() {
            return new Task(name, description, prompt, metric, criteria);
        }
    }
}
