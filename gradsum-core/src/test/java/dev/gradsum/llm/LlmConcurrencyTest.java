package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.model.Budget;
import dev.gradsum.model.Role;
import dev.gradsum.testing.ScriptedChatModel;
import dev.langchain4j.model.ModelProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmConcurrencyTest {
    private final ExecutorService callers = Executors.newFixedThreadPool(50);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void two_hundred_calls_from_many_threads_never_exceed_five_in_flight_and_all_complete() throws Exception {
        ScriptedChatModel model = new ScriptedChatModel("scripted", c -> {
            LockSupport.parkNanos(200_000);
            return "answer to " + c.user();
        });
        Llm llm = CallPath.builder().maxConcurrency(5).sleeper(new RecordingSleeper()).build()
                .llm(Role.TARGET, model);

        List<Future<LlmReply>> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String question = "q" + i;
            replies.add(callers.submit(() -> llm.chat(LlmRequest.user(question))));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(replies.get(i).get(60, TimeUnit.SECONDS).text()).isEqualTo("answer to q" + i);
        }
        assertThat(model.callCount()).isEqualTo(200);
        assertThat(model.maxInFlight()).isBetween(1, 5);
    }

    @Test
    void each_provider_has_its_own_limit_and_an_override_applies_to_its_name() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedChatModel other = gated("other", gate);
        ScriptedChatModel openAi = gated("gpt-4o-mini", gate);
        CallPath path = CallPath.builder().maxConcurrency(2).maxConcurrency("OTHER", 3).build();
        Llm otherLlm = path.llm(Role.TARGET, other);
        Llm openAiLlm = path.llm(Role.JUDGE, new AsProvider(openAi, ModelProvider.OPEN_AI));

        List<Future<LlmReply>> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String q = "q" + i;
            replies.add(callers.submit(() -> otherLlm.chat(LlmRequest.user(q))));
            replies.add(callers.submit(() -> openAiLlm.chat(LlmRequest.user(q))));
        }
        awaitTrue(() -> other.maxInFlight() == 3 && openAi.maxInFlight() == 2);
        gate.countDown();
        for (Future<LlmReply> f : replies) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(other.maxInFlight()).isEqualTo(3);
        assertThat(openAi.maxInFlight()).isEqualTo(2);
        assertThat(other.callCount() + openAi.callCount()).isEqualTo(20);
    }

    @Test
    void models_of_one_provider_in_different_limit_groups_get_limits_of_their_own() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedChatModel local = gated("llama3", gate);
        ScriptedChatModel hosted = gated("gpt-4o", gate);
        ScriptedChatModel alsoHosted = gated("gpt-4o-mini", gate);
        // LangChain4j's OpenAI client reports OPEN_AI for every compatible server, local ones included
        AsProvider localModel = new AsProvider(local, ModelProvider.OPEN_AI);
        AsProvider hostedModel = new AsProvider(hosted, ModelProvider.OPEN_AI);
        AsProvider alsoHostedModel = new AsProvider(alsoHosted, ModelProvider.OPEN_AI);
        CallPath path = CallPath.builder().maxConcurrency(8)
                .limitGroup(localModel, "ollama@localhost").maxConcurrency("ollama@localhost", 1)
                .limitGroup(hostedModel, "openai").limitGroup(alsoHostedModel, "openai").maxConcurrency("openai", 3)
                .build();
        Llm target = path.llm(Role.TARGET, localModel);
        Llm editor = path.llm(Role.EDITOR, hostedModel);
        Llm gradient = path.llm(Role.GRADIENT, alsoHostedModel);

        List<Future<LlmReply>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String q = "q" + i;
            replies.add(callers.submit(() -> target.chat(LlmRequest.user(q))));
            replies.add(callers.submit(() -> editor.chat(LlmRequest.user(q))));
            replies.add(callers.submit(() -> gradient.chat(LlmRequest.user(q))));
        }
        awaitTrue(() -> local.maxInFlight() == 1 && hosted.maxInFlight() + alsoHosted.maxInFlight() >= 3);
        Thread.sleep(200); // room for a broken limit to let more calls in; none can finish before the gate opens
        int hostedAtOnce = hosted.maxInFlight() + alsoHosted.maxInFlight();
        int localAtOnce = local.maxInFlight();
        gate.countDown();
        for (Future<LlmReply> f : replies) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(localAtOnce).isEqualTo(1);
        assertThat(hostedAtOnce).isEqualTo(3); // the two hosted models share one limit of 3
        assertThat(local.callCount() + hosted.callCount() + alsoHosted.callCount()).isEqualTo(18);
    }

    @Test
    void the_call_budget_holds_with_fifty_concurrent_callers() throws Exception {
        ScriptedChatModel model = new ScriptedChatModel("scripted", c -> {
            LockSupport.parkNanos(500_000);
            return "ok";
        });
        CallPath path = CallPath.builder().maxConcurrency(50).budget(new Budget(null, 20L, null)).build();
        Llm llm = path.llm(Role.TARGET, model);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String q = "q" + i;
            done.add(callers.submit(() -> {
                start.await();
                try {
                    llm.chat(LlmRequest.user(q));
                } catch (BudgetExceededException e) {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(model.callCount()).isEqualTo(20);
        assertThat(refused).hasValue(30);
        assertThat(path.total().calls()).isEqualTo(20);
    }

    @Test
    void an_interrupted_caller_gets_an_exception_promptly_and_keeps_its_interrupt() throws Exception {
        Llm llm = CallPath.builder().timeout(Duration.ofHours(1)).build()
                .llm(Role.TARGET, FlakyModel.of(FlakyModel.HANG));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                llm.chat(LlmRequest.user("hi"));
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        ProviderLimiterTest.awaitState(caller, Thread.State.TIMED_WAITING);
        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(LlmException.class).hasMessageContaining("interrupted");
        assertThat(stillInterrupted.get()).isTrue();
    }

    @Test
    void a_model_that_fails_because_its_caller_was_interrupted_is_an_interruption_not_a_failure() throws Exception {
        ScriptedChatModel model = new ScriptedChatModel("m", c -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.langchain4j.exception.LangChain4jException("interrupted");
            }
            return "never";
        });
        CallPath path = CallPath.builder().modelsTimeOut(true).build();
        Llm llm = path.llm(Role.TARGET, model);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                llm.chat(LlmRequest.user("hi"));
            } catch (Throwable t) {
                thrown.set(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        ProviderLimiterTest.awaitState(caller, Thread.State.WAITING);
        caller.interrupt();
        caller.join(10_000);

        assertThat(thrown.get()).isInstanceOf(LlmException.class).hasMessageContaining("interrupted");
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(path.total().failures()).isZero();
    }

    @Test
    void an_interrupted_caller_waiting_for_a_permit_gets_an_exception() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedChatModel model = gated("m", gate);
        Llm llm = CallPath.builder().maxConcurrency(1).build().llm(Role.TARGET, model);
        Future<LlmReply> holder = callers.submit(() -> llm.chat(LlmRequest.user("first")));
        awaitTrue(() -> model.maxInFlight() == 1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                llm.chat(LlmRequest.user("second"));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        waiter.start();
        ProviderLimiterTest.awaitState(waiter, Thread.State.WAITING);
        waiter.interrupt();
        waiter.join(10_000);
        gate.countDown();

        assertThat(thrown.get()).isInstanceOf(LlmException.class);
        assertThat(holder.get(60, TimeUnit.SECONDS).text()).isEqualTo("ok");
        assertThat(model.callCount()).isEqualTo(1);
    }

    private static ScriptedChatModel gated(String name, CountDownLatch gate) {
        return new ScriptedChatModel(name, c -> {
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "ok";
        });
    }

    private static void awaitTrue(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.get() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(condition.get()).as("condition reached within 30 s").isTrue();
    }
}
