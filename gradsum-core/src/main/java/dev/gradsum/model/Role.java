package dev.gradsum.model;

/**
 * The five model roles of GRAD-SUM. Each module calls the model of its role; unset roles fall back
 * (judge → target; gradient, summarizer, editor → optimizer → target), see
 * {@link ModelRoles#resolve}.
 */
public enum Role {
    /** Answers the task with the prompt filled in (paper: generation). */
    TARGET,
    /** Rates answers against the criteria (paper: evaluation). */
    JUDGE,
    /** Explains how the prompt should change for one failed answer (paper: gradient generation). */
    GRADIENT,
    /** Turns all gradients of one prompt into one general paragraph (paper: gradient summarization). */
    SUMMARIZER,
    /** Rewrites the prompt from the summary (paper: prompt editing). */
    EDITOR;

    /** Lower-case name as used in task files and reports: {@code target}, {@code judge}, ... */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
