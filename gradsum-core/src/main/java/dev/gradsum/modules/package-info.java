/**
 * The five modules of GRAD-SUM (arXiv 2407.12865, figure 1), one class each, in the order one
 * iteration runs them: {@link dev.gradsum.modules.Generator} (answers) →
 * {@link dev.gradsum.modules.Evaluator} (scores, with a {@link dev.gradsum.metric.Metric} such as
 * {@link dev.gradsum.modules.LlmJudge}) → {@link dev.gradsum.modules.GradientGenerator} (advice per
 * failure) → {@link dev.gradsum.modules.GradientSummarizer} (one general paragraph) →
 * {@link dev.gradsum.modules.PromptEditor} (K new prompts). Their values are records
 * ({@link dev.gradsum.modules.Generation}, {@link dev.gradsum.modules.Evaluation},
 * {@link dev.gradsum.modules.Gradient}, {@link dev.gradsum.modules.Edit}); their prompts to the models
 * are whole resource files loaded by {@link dev.gradsum.prompts.MetaPrompts}
 * ({@code dev/gradsum/prompts/*.md}, tag contract in the README there).
 *
 * <p>Internal: the search drives these classes; users go through {@code GradSum}. The modules know
 * nothing of the search and reach models only through {@link dev.gradsum.llm.Llm}. Helpers are
 * package-private and named for their job: {@code LanguageCheck} (a candidate keeps its parent's
 * script), {@code TaggedSections}, {@code EditorAnswer} (the editor's answer read into prompts: JSON, a
 * numbered list, rule-separated, or cut at the token limit), {@code Interrupts} (an interrupt propagates; the fail-fast fan-out of
 * {@link dev.gradsum.internal.Fanout} with the modules' interrupt exception);
 * {@link dev.gradsum.modules.JsonExtraction} is public only because the bench's ProTeGi parses with it too.
 */
package dev.gradsum.modules;
