/**
 * What an optimisation works on: {@link dev.gradsum.data.PromptTemplate}s with {@code {placeholders}}, the
 * {@link dev.gradsum.data.Dataset} of {@link dev.gradsum.data.Example}s read from JSONL, CSV or JSON, and
 * its seeded train / validation / test {@link dev.gradsum.data.Split} (with the default sizes,
 * {@link dev.gradsum.data.Split.Sizes}). The lowest layer but for exceptions: it depends on no other
 * gradsum package. Public API.
 */
package dev.gradsum.data;
