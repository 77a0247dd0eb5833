/**
 * What a user asks gradsum to optimise: the {@link dev.gradsum.task.Task} (description, initial
 * {@link dev.gradsum.data.PromptTemplate}, a {@link dev.gradsum.metric.Metric} or judge
 * {@link dev.gradsum.task.Criteria}). Public API.
 */
package dev.gradsum.task;
