package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Calls that fail one by one, in a way that adds up to a stage failing, stop the run (CallPath's latch). */
class SystematicFailuresTest {
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final CallPath path = CallPath.builder()
            .sleeper(sleeper)
            .retryPolicy(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0))
            .build();

    private static HttpException badRequest(int requestId) {
        return new HttpException(400, "{\"error\": {\"message\": \"Unsupported value: 'temperature' does not support 0.7"
                + " with this model.\", \"type\": \"invalid_request_error\", \"param\": \"temperature\","
                + " \"code\": \"unsupported_value\", \"request\": \"req_" + requestId + "\"}}");
    }

    @Test
    void the_third_identical_400_in_a_row_stops_the_run_with_the_providers_message() {
        // OpenAI's reasoning models answer 400 unsupported_value to any temperature but 1, every call
        // (provider-behaviour.md: clifton/rstructor#22, NVlabs/cvdp_benchmark#29)
        FlakyModel model = FlakyModel.of(badRequest(1), badRequest(2), badRequest(3), "never reached");
        Llm llm = path.llm(Role.TARGET, model);

        for (int i = 0; i < 3; i++) {
            int row = i;
            assertThatThrownBy(() -> llm.chat(LlmRequest.user("row " + row))).isInstanceOf(LlmException.class);
        }

        assertThat(path.fatalFailure()).get().extracting(Throwable::getMessage).asString()
                .startsWith("target model gpt-4o-mini (OPEN_AI): HTTP 400: ")
                .contains("does not support 0.7")
                .endsWith("; the last 3 calls failed the same way, so the run stops");
        assertThatThrownBy(() -> llm.chat(LlmRequest.user("row 4"))).isSameAs(path.fatalFailure().get());
        assertThat(model.attempts()).as("a 400 is not retried, and nothing is sent after the stop").isEqualTo(3);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void the_stop_is_latched_while_the_failing_call_still_holds_its_slot() throws Exception {
        // With one slot, a call waiting for it must not go out between the failure that makes the failures
        // systematic and the stop: so the stop is latched before that call's slot is released. The run thread
        // is told of the stop (interrupted) inside the latch, on the failing call's thread: it reads the slots there.
        CallPath onePerServer = CallPath.builder().sleeper(sleeper).maxConcurrency(1).build();
        java.util.concurrent.atomic.AtomicInteger freeSlotsAtStop = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread runThread = new Thread(() -> { }) {
            @Override
            public void interrupt() {
                freeSlotsAtStop.compareAndSet(-1, onePerServer.limiter.available("OPEN_AI"));
                super.interrupt();
            }
        };
        onePerServer.stopOnFatalFailure(runThread);
        FlakyModel model = FlakyModel.of(badRequest(1), badRequest(2), badRequest(3), "never reached");
        Llm llm = onePerServer.llm(Role.TARGET, model);

        for (int i = 0; i < 3; i++) {
            int row = i;
            assertThatThrownBy(() -> llm.chat(LlmRequest.user("row " + row))).isInstanceOf(LlmException.class);
        }

        assertThat(onePerServer.fatalFailure()).isPresent();
        assertThat(freeSlotsAtStop).as("free slots when the stop was latched: the third call's is still held").hasValue(0);
        assertThat(onePerServer.limiter.available("OPEN_AI")).as("and released after").isEqualTo(1);
        assertThat(model.attempts()).isEqualTo(3);
    }

    @Test
    void a_cut_answer_that_stops_the_run_is_counted_while_its_call_still_holds_its_slot() {
        CallPath onePerServer = CallPath.builder().sleeper(sleeper).maxConcurrency(1).build();
        java.util.concurrent.atomic.AtomicInteger freeSlotsAtStop = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread runThread = new Thread(() -> { }) {
            @Override
            public void interrupt() {
                freeSlotsAtStop.compareAndSet(-1, onePerServer.limiter.available("OPEN_AI"));
                super.interrupt();
            }
        };
        onePerServer.stopOnFatalFailure(runThread);
        dev.gradsum.testing.ScriptedChatModel cut = dev.gradsum.testing.ScriptedChatModel.responding("gpt-4o-mini",
                c -> dev.gradsum.testing.ScriptedChatModel.Answer.cut("The customer pays 1")).maxTokens(5);
        Llm llm = onePerServer.llm(Role.TARGET, new AsProvider(cut, dev.langchain4j.model.ModelProvider.OPEN_AI));

        for (int i = 0; i < 3; i++) {
            int row = i;
            assertThatThrownBy(() -> llm.chat(LlmRequest.user("row " + row))).isInstanceOf(UnusableReplyException.class);
        }

        assertThat(onePerServer.fatalFailure()).get().extracting(Throwable::getMessage).asString()
                .contains("so the run stops");
        assertThat(freeSlotsAtStop).as("free slots when the stop was latched: the third call's is still held").hasValue(0);
    }

    @Test
    void a_call_waiting_for_the_slot_is_not_sent_after_the_failure_that_stops_the_run() throws Exception {
        // the third identical 400 arrives while a fourth call waits for the only slot; that call must not go out
        CallPath onePerServer = CallPath.builder().sleeper(sleeper).maxConcurrency(1).build();
        java.util.concurrent.CountDownLatch thirdSent = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch fourthWaits = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        dev.gradsum.testing.ScriptedChatModel model = new dev.gradsum.testing.ScriptedChatModel("gpt-4o-mini", c -> {
            int n = sent.incrementAndGet();
            if (n == 3) {
                thirdSent.countDown();
                await(fourthWaits);
            }
            throw badRequest(n);
        });
        Llm llm = onePerServer.llm(Role.TARGET, new AsProvider(model, dev.langchain4j.model.ModelProvider.OPEN_AI));
        for (int i = 0; i < 2; i++) {
            int row = i;
            assertThatThrownBy(() -> llm.chat(LlmRequest.user("row " + row))).isInstanceOf(LlmException.class);
        }
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var third = callers.submit(() -> llm.chat(LlmRequest.user("row 3")));
            await(thirdSent); // the third call holds the only slot
            var fourth = callers.submit(() -> llm.chat(LlmRequest.user("row 4")));
            while (onePerServer.limiter.waiting("OPEN_AI") == 0) {
                Thread.onSpinWait(); // until the fourth call waits for the slot
            }
            fourthWaits.countDown();
            assertThatThrownBy(third::get).hasCauseInstanceOf(LlmException.class);
            assertThatThrownBy(fourth::get).cause().isSameAs(onePerServer.fatalFailure().orElseThrow());
        } finally {
            callers.shutdownNow();
        }
        assertThat(sent).as("requests that reached the server").hasValue(3);
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            if (!latch.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("latch not reached");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void an_answer_between_two_400s_resets_the_count() {
        FlakyModel model = FlakyModel.of(badRequest(1), badRequest(2), "ok", badRequest(3), badRequest(4), "ok");
        CallPath rateOff = CallPath.builder().sleeper(sleeper).maxErrorRate(1).build(); // the identical rule alone
        Llm llm = rateOff.llm(Role.JUDGE, model);
        for (int i = 0; i < 6; i++) {
            int row = i;
            try {
                llm.chat(LlmRequest.user("row " + row));
            } catch (LlmException expected) {
                // the row fails; the run goes on
            }
        }
        assertThat(rateOff.fatalFailure()).isEmpty();
    }

    @Test
    void different_400s_do_not_count_as_identical() {
        FlakyModel model = FlakyModel.of(new HttpException(400, "a"), new HttpException(400, "b"),
                new HttpException(400, "c"), "ok");
        Llm llm = path.llm(Role.EDITOR, model);
        for (int i = 0; i < 3; i++) {
            int row = i;
            assertThatThrownBy(() -> llm.chat(LlmRequest.user("row " + row))).isInstanceOf(LlmException.class);
        }
        assertThat(path.fatalFailure()).isEmpty();
    }

    @Test
    void a_500_on_every_call_stops_the_run_once_the_error_rate_is_over_the_limit() {
        FlakyModel model = FlakyModel.of(new HttpException(500, "{\"error\": {\"message\": \"The server had an error\"}}"));
        Llm llm = path.llm(Role.TARGET, model);

        int calls = 0;
        while (path.fatalFailure().isEmpty() && calls < 100) {
            int row = calls++;
            assertThatThrownBy(() -> llm.chat(LlmRequest.user("row " + row))).isInstanceOf(LlmException.class);
        }

        assertThat(calls).as("calls made before the stop").isEqualTo(SystematicFailures.ERROR_RATE_MIN_CALLS);
        assertThat(model.attempts()).isEqualTo(calls * 3);
        assertThat(path.fatalFailure()).get().satisfies(f -> {
            assertThat(f.getMessage()).isEqualTo("5 of the last 5 target calls failed, more than the error rate"
                    + " limit of 50 %, so the run stops; the last: target model gpt-4o-mini (OPEN_AI): HTTP 500 server"
                    + " error: {\"error\": {\"message\": \"The server had an error\"}} (gave up after 3 attempts)");
            assertThat(f.setting()).contains(CallPath.MAX_ERROR_RATE_SETTING);
        });
    }

    @Test
    void failures_under_the_error_rate_limit_let_the_run_go_on() {
        // every third call fails for good: 33 % < 50 %
        FlakyModel model = FlakyModel.of("ok");
        Llm llm = path.llm(Role.TARGET, model);
        FlakyModel failing = FlakyModel.of(new HttpException(503, "busy"));
        Llm bad = path.llm(Role.TARGET, failing);
        for (int i = 0; i < 30; i++) {
            int row = i;
            if (i % 3 == 0) {
                assertThatThrownBy(() -> bad.chat(LlmRequest.user("bad " + row))).isInstanceOf(LlmException.class);
            } else {
                llm.chat(LlmRequest.user("row " + row));
            }
        }
        assertThat(path.fatalFailure()).isEmpty();
    }

    @Test
    void the_limit_is_a_setting() {
        CallPath strict = CallPath.builder().sleeper(sleeper).retryPolicy(RetryPolicy.none()).maxErrorRate(0.2).build();
        FlakyModel model = FlakyModel.of("ok", "ok", "ok", "ok", "ok", "ok", "ok", new HttpException(503, "busy"));
        Llm llm = strict.llm(Role.TARGET, model);
        for (int i = 0; i < 10; i++) {
            int row = i;
            try {
                llm.chat(LlmRequest.user("row " + row));
            } catch (LlmException expected) {
                // rows 8 and 9 fail: 2 of 9 is over 20 %
            }
        }
        assertThat(strict.fatalFailure()).get().extracting(Throwable::getMessage).asString()
                .startsWith("2 of the last 9 target calls failed, more than the error rate limit of 20 %");
    }
}
