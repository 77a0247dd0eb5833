/**
 * The meta-prompts: the text gradsum sends to the judge, gradient, summarizer and editor models, one
 * resource file per module ({@code dev/gradsum/prompts/*.md}), loaded and checked by
 * {@link dev.gradsum.prompts.MetaPrompts}; a user may give their own versions. Public API.
 */
package dev.gradsum.prompts;
