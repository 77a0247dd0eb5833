package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.testing.ScriptedChatModel;
import dev.langchain4j.exception.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Identical requests in flight at the same time make one call (single flight). */
class LlmSingleFlightTest {
    private final CountDownLatch gate = new CountDownLatch(1);

    @Test
    void twenty_threads_sending_one_identical_request_make_one_model_call() throws Exception {
        ScriptedChatModel model = new ScriptedChatModel("scripted", c -> pass(gate, "four"));
        CallPath path = CallPath.builder().maxConcurrency(8).build();
        Llm llm = path.llm(Role.TARGET, model);

        Callers callers = Callers.start(20, () -> llm.chat(LlmRequest.user("What is 2+2?")));
        awaitTrue(() -> callers.allBlocked() && path.inFlight.size() == 1 && model.maxInFlight() == 1);
        gate.countDown();
        callers.join();

        assertThat(model.callCount()).isEqualTo(1);
        assertThat(callers.replies()).hasSize(20).allSatisfy(r -> assertThat(r.text()).isEqualTo("four"));
        assertThat(callers.replies()).filteredOn(LlmReply::cached).hasSize(19);
        Usage usage = path.total();
        assertThat(usage.calls()).isEqualTo(1);
        assertThat(usage.cachedCalls()).isEqualTo(19);
        assertThat(path.inFlight.size()).isZero();
    }

    @Test
    void different_requests_are_not_serialized() throws Exception {
        ScriptedChatModel model = new ScriptedChatModel("scripted", c -> pass(gate, "answer to " + c.user()));
        Llm llm = CallPath.builder().maxConcurrency(5).build().llm(Role.TARGET, model);
        AtomicInteger n = new AtomicInteger();

        Callers callers = Callers.start(5, () -> llm.chat(LlmRequest.user("q" + n.incrementAndGet())));
        awaitTrue(() -> model.maxInFlight() == 5);
        gate.countDown();
        callers.join();

        assertThat(model.callCount()).isEqualTo(5);
        assertThat(callers.replies()).noneMatch(LlmReply::cached);
    }

    @Test
    void when_the_first_call_fails_for_good_its_waiters_fail_the_same_way_without_calling() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FlakyModel model = new FlakyModel("gpt-4o-mini", dev.langchain4j.model.ModelProvider.OPEN_AI, "unused") {
            @Override
            public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest r) {
                calls.incrementAndGet();
                pass(gate, "");
                throw new InvalidRequestException("model does not exist");
            }
        };
        CallPath path = CallPath.builder().build();
        Llm llm = path.llm(Role.JUDGE, model);

        Callers callers = Callers.start(6, () -> llm.chat(LlmRequest.user("rate")));
        awaitTrue(() -> callers.allBlocked() && path.inFlight.size() == 1 && calls.get() == 1);
        gate.countDown();
        callers.join();

        assertThat(calls).hasValue(1);
        assertThat(callers.failures()).hasSize(6)
                .allSatisfy(f -> assertThat(f).isInstanceOf(LlmException.class).hasMessageContaining("model does not exist"));
        assertThat(path.total().failures()).isEqualTo(6);
        assertThat(path.total().calls()).isZero();
    }

    @Test
    void a_waiter_makes_the_call_itself_when_the_first_caller_is_interrupted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ScriptedChatModel model = new ScriptedChatModel("scripted", c -> {
            if (calls.incrementAndGet() == 1) {
                return pass(gate, "never used");
            }
            return "four";
        });
        CallPath path = CallPath.builder().build();
        Llm llm = path.llm(Role.TARGET, model);
        Callers first = Callers.start(1, () -> llm.chat(LlmRequest.user("What is 2+2?")));
        awaitTrue(() -> calls.get() == 1);
        Callers waiter = Callers.start(1, () -> llm.chat(LlmRequest.user("What is 2+2?")));
        awaitTrue(waiter::allBlocked);

        first.interruptAll();
        first.join();
        waiter.join();
        gate.countDown();

        assertThat(first.failures()).singleElement().isInstanceOf(LlmException.class);
        assertThat(waiter.replies()).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("four");
            assertThat(r.cached()).isFalse();
        });
        assertThat(calls).hasValue(2);
    }

    @Test
    void without_a_cache_identical_concurrent_requests_are_each_sent() throws Exception {
        ScriptedChatModel model = new ScriptedChatModel("scripted", c -> pass(gate, "four"));
        Llm llm = CallPath.builder().cache(CallCache.none()).build().llm(Role.TARGET, model);

        Callers callers = Callers.start(3, () -> llm.chat(LlmRequest.user("same")));
        awaitTrue(() -> model.maxInFlight() == 3);
        gate.countDown();
        callers.join();

        assertThat(model.callCount()).isEqualTo(3);
    }

    private static String pass(CountDownLatch gate, String answer) {
        try {
            gate.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 30 s").isTrue();
    }

    /** Threads that each make one call, keeping every reply and failure. */
    private static final class Callers {
        private final List<Thread> threads = new ArrayList<>();
        private final List<LlmReply> replies = new ArrayList<>();
        private final List<Throwable> failures = new ArrayList<>();

        static Callers start(int n, Supplier<LlmReply> call) {
            Callers c = new Callers();
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(() -> {
                    try {
                        LlmReply r = call.get();
                        synchronized (c) {
                            c.replies.add(r);
                        }
                    } catch (Throwable e) {
                        synchronized (c) {
                            c.failures.add(e);
                        }
                    }
                });
                c.threads.add(t);
                t.start();
            }
            return c;
        }

        boolean allBlocked() {
            return threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                    || t.getState() == Thread.State.TIMED_WAITING);
        }

        void interruptAll() {
            threads.forEach(Thread::interrupt);
        }

        void join() throws InterruptedException {
            for (Thread t : threads) {
                t.join(60_000);
                assertThat(t.isAlive()).isFalse();
            }
        }

        synchronized List<LlmReply> replies() {
            return List.copyOf(replies);
        }

        synchronized List<Throwable> failures() {
            return List.copyOf(failures);
        }
    }
}
