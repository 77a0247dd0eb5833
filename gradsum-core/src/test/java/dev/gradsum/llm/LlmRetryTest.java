package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmRetryTest {
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final CallPath path = CallPath.builder()
            .sleeper(sleeper)
            .retryPolicy(new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2))
            .timeout(Duration.ofMillis(200))
            .seed(7)
            .build();

    @Test
    void a_429_with_retry_after_waits_exactly_that_long_then_succeeds() {
        FlakyModel model = FlakyModel.of(
                new RateLimitException(new HttpStatusException(429, "rate limited", Duration.ofSeconds(7))), "ok");
        LlmReply reply = path.llm(Role.TARGET, model).chat(LlmRequest.user("hi"));

        assertThat(reply.text()).isEqualTo("ok");
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(path.total().retries()).isEqualTo(1);
        assertThat(path.total().calls()).isEqualTo(1);
        assertThat(path.total().failures()).isZero();
    }

    @Test
    void a_500_is_retried_after_a_jittered_backoff_then_succeeds() {
        FlakyModel model = FlakyModel.of(new InternalServerException(new HttpException(500, "oops")), "ok");
        LlmReply reply = path.llm(Role.JUDGE, model).chat(LlmRequest.user("hi"));

        assertThat(reply.text()).isEqualTo("ok");
        assertThat(model.attempts()).isEqualTo(2);
        assertThat(sleeper.waits()).singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200)));
        assertThat(path.usage().get(Role.JUDGE).retries()).isEqualTo(1);
    }

    @Test
    void a_401_is_not_retried_and_fails_with_one_line_without_secrets() {
        String key = "sk-proj-VERYSECRET0123456789";
        FlakyModel model = FlakyModel.of(new AuthenticationException(new HttpException(401,
                "{\n \"error\": {\"message\": \"Incorrect API key provided: " + key + "\"}\n}")));

        assertThatThrownBy(() -> path.llm(Role.TARGET, model).chat(LlmRequest.user("hi")))
                .isInstanceOf(LlmException.class)
                .hasMessage("target model gpt-4o-mini (OPEN_AI): HTTP 401 unauthorized; check the API key variable");
        assertThat(model.attempts()).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
        assertThat(path.total().failures()).isEqualTo(1);
        assertThat(path.total().calls()).isZero();
    }

    @Test
    void a_provider_message_echoing_the_key_is_masked_in_the_failure() {
        String key = "sk-proj-VERYSECRET0123456789";
        FlakyModel model = FlakyModel.of(new HttpException(400, "{\n\"error\": \"bad request for key " + key + "\"\n}"));
        assertThatThrownBy(() -> path.llm(Role.EDITOR, model).chat(LlmRequest.user("hi")))
                .isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("editor model gpt-4o-mini (OPEN_AI): HTTP 400: ")
                        .doesNotContain("VERYSECRET").doesNotContain("\n"));
    }

    @Test
    void an_attempt_that_times_out_is_retried() {
        FlakyModel model = FlakyModel.of(FlakyModel.HANG, "late but fine");
        LlmReply reply = path.llm(Role.GRADIENT, model).chat(LlmRequest.user("hi"));

        assertThat(reply.text()).isEqualTo("late but fine");
        assertThat(model.attempts()).isEqualTo(2);
        assertThat(path.total().retries()).isEqualTo(1);
    }

    @Test
    void attempts_are_capped_and_the_failure_says_so() {
        FlakyModel model = FlakyModel.of(new HttpException(503, "overloaded"));

        assertThatThrownBy(() -> path.llm(Role.SUMMARIZER, model).chat(LlmRequest.user("hi")))
                .isInstanceOf(LlmException.class)
                .hasMessage("summarizer model gpt-4o-mini (OPEN_AI): HTTP 503 server error: overloaded"
                        + " (gave up after 4 attempts)");
        assertThat(model.attempts()).isEqualTo(4);
        assertThat(sleeper.waits()).hasSize(3);
        assertThat(path.total().retries()).isEqualTo(3);
        assertThat(path.total().failures()).isEqualTo(1);
    }

    @Test
    void a_failed_call_is_not_cached() {
        FlakyModel model = FlakyModel.of(new IllegalStateException("malformed reply"), "ok");
        Llm llm = path.llm(Role.TARGET, model);
        assertThatThrownBy(() -> llm.chat(LlmRequest.user("hi"))).isInstanceOf(LlmException.class);
        assertThat(llm.chat(LlmRequest.user("hi")).cached()).isFalse();
        assertThat(model.attempts()).isEqualTo(2);
    }

    @Test
    void after_a_failure_every_call_will_get_the_path_sends_nothing_more_and_keeps_that_failure() {
        FlakyModel model = FlakyModel.of(new AuthenticationException("bad key"), "ok");
        Llm llm = path.llm(Role.TARGET, model);
        assertThatThrownBy(() -> llm.chat(LlmRequest.user("hi"))).isInstanceOf(LlmException.class);
        assertThat(path.fatalFailure()).get().extracting(Throwable::getMessage)
                .isEqualTo("target model gpt-4o-mini (OPEN_AI): authentication failed; check the API key variable");

        assertThatThrownBy(() -> llm.chat(LlmRequest.user("another"))).isSameAs(path.fatalFailure().get());
        assertThat(model.attempts()).as("requests sent").isEqualTo(1);
        assertThat(path.total().failures()).as("the refused call only").isEqualTo(1);
    }
}
