/**
 * What a user brings to an optimisation: the {@link dev.gradsum.task.Task} (description, initial
 * {@link dev.gradsum.task.PromptTemplate}, metric or judge {@link dev.gradsum.task.Criteria}), the
 * {@link dev.gradsum.task.Dataset} of {@link dev.gradsum.task.Example}s read from JSONL, CSV or JSON, and
 * its seeded train / validation / test {@link dev.gradsum.task.Split}. Public API.
 */
package dev.gradsum.task;
