package dev.gradsum.bench;

/** A task of the suite that could not run, and why (e.g. its dataset is missing). */
public record Skipped(String key, String reason) {
}
