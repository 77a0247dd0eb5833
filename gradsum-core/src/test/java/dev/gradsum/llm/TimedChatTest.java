package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.TimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimedChatTest {
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void an_attempt_without_reply_in_time_is_a_retriable_timeout() {
        TimedChat timed = new TimedChat(workers, Duration.ofMillis(50));
        FlakyModel hanging = FlakyModel.of(FlakyModel.HANG);
        assertThatThrownBy(() -> timed.chat(hanging, ChatRequests.from(LlmRequest.user("hi"))))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("per-attempt timeout");
    }

    @Test
    void the_model_exception_comes_through_unchanged() {
        TimedChat timed = new TimedChat(workers, Duration.ofSeconds(30));
        InvalidRequestException bad = new InvalidRequestException("bad");
        assertThatThrownBy(() -> timed.chat(FlakyModel.of(bad), ChatRequests.from(LlmRequest.user("hi"))))
                .isSameAs(bad);
    }

    @Test
    void on_the_caller_the_attempt_runs_on_the_calling_thread() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        FlakyModel model = new FlakyModel("gpt-4o-mini", dev.langchain4j.model.ModelProvider.OPEN_AI, "ok") {
            @Override
            public dev.langchain4j.model.chat.response.ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest r) {
                ranOn.set(Thread.currentThread());
                return super.doChat(r);
            }
        };
        TimedChat.onCaller().chat(model, ChatRequests.from(LlmRequest.user("hi")));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void an_interrupted_caller_stops_waiting_at_once() throws Exception {
        TimedChat timed = new TimedChat(workers, Duration.ofHours(1));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                timed.chat(FlakyModel.of(FlakyModel.HANG), ChatRequests.from(LlmRequest.user("hi")));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        ProviderLimiterTest.awaitState(caller, Thread.State.TIMED_WAITING);
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }
}
