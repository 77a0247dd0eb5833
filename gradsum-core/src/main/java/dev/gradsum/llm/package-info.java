/**
 * The single path every model call of gradsum takes (design §3). Public: {@link dev.gradsum.llm.Llm}
 * (one model in one {@link dev.gradsum.model.Role}), {@link dev.gradsum.llm.CallPath} (what the Llms
 * of one run share), {@link dev.gradsum.model.ModelRoles}, {@link dev.gradsum.model.Pricing},
 * {@link dev.gradsum.model.Budget}, {@link dev.gradsum.model.Usage}, the request/reply records, the
 * {@link dev.gradsum.llm.CallCache} and {@link dev.gradsum.llm.CallListener} seams, and the exceptions.
 *
 * <p>The stages are package-private classes, each tested alone and composed in {@code Llm}:
 * {@code CacheKey} → {@code BudgetGuard} → {@code Retrier} (around {@code ProviderLimiter} and
 * {@code TimedChat}, waiting by {@code Backoff}, deciding by {@code Failure}) → cache put →
 * {@code UsageAccount} → listener. {@code ThinkingText} separates reasoning from the answer before the
 * reply is read; a reply that is no answer (cut, empty, refused) is an
 * {@link dev.gradsum.llm.UnusableReplyException}, tallied for the user by
 * {@link dev.gradsum.llm.UnusableReplies}.
 */
package dev.gradsum.llm;
