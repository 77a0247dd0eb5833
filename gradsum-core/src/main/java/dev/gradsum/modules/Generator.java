package dev.gradsum.modules;

import dev.gradsum.data.Example;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.LlmException;
import dev.gradsum.llm.LlmReply;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.llm.UnusableReplyException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Paper step 1, generation: the target model answers each example with the prompt filled in.
 *
 * <p>Contract: one {@link Generation} per example, in input order. Calls are submitted to the executor
 * all at once; the {@link Llm} call path limits how many are in flight. A call that fails for good
 * ({@link LlmException}) becomes a generation with {@link Generation#error()} set, so one bad row does
 * not stop the run; so does a reply cut at the token limit or empty ({@link UnusableReplyException}). A
 * refusal (the model's {@code refusal}, a content filter) is an answer that failed: a generation with
 * {@link Generation#refusal()} set, scored 0 by the {@link Evaluator}, so a prompt that provokes refusals
 * is never favoured by leaving them out. A budget stop ({@code BudgetExceededException}) and an interrupt propagate.
 * A placeholder the row cannot fill is a {@code ConfigurationException}. A chat prompt is sent as its
 * messages (system, example turns, the row's history, then the user message); the generation's input is
 * then the conversation's transcript, so the judge, gradient and summarizer see what the model saw.
 */
public final class Generator {
    private final Llm target;
    private final Executor executor;

    public Generator(Llm target, Executor executor) {
        this.target = Objects.requireNonNull(target, "target");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** One generation per example, in order; calls run concurrently (the call path limits them). */
    public List<Generation> generate(PromptTemplate prompt, List<Example> examples) {
        return Interrupts.failFast(examples, example -> generate(prompt, example), executor);
    }

    /** The target's answer to one example (see the class contract for failed, cut and refused calls). */
    public Generation generate(PromptTemplate prompt, Example example) {
        PromptTemplate.Conversation conversation = prompt.conversation(example);
        String input = conversation.transcript();
        try {
            LlmReply reply = target.chat(new LlmRequest(conversation.system(), conversation.user(), null, 0, false,
                    conversation.turns()));
            return new Generation(example, input, reply.text(), reply.reasoning(), null, null);
        } catch (UnusableReplyException e) {
            return e.kind() == UnusableReplyException.Kind.REFUSED
                    ? new Generation(example, input, "", e.reply().reasoning(), null, e.getMessage())
                    : new Generation(example, input, "", e.getMessage());
        } catch (LlmException e) {
            Interrupts.rethrowIfInterrupted(e);
            return new Generation(example, input, "", e.getMessage());
        }
    }
}
