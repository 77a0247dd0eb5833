package dev.gradsum.modules;

/**
 * How the prompt should change, written for one failed example (paper: gradient).
 *
 * @param exampleId the failed row
 * @param text      the model's advice about the prompt, in plain text
 */
public record Gradient(String exampleId, String text) {
}
