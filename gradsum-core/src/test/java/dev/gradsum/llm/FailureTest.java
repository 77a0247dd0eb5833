package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureTest {
    @Test
    void rate_limits_server_errors_and_timeouts_are_retriable() {
        assertThat(Failure.of(new RateLimitException("slow down")).retriable()).isTrue();
        assertThat(Failure.of(new InternalServerException("oops")).retriable()).isTrue();
        assertThat(Failure.of(new TimeoutException("late")).retriable()).isTrue();
        assertThat(Failure.of(new HttpException(503, "busy")).retriable()).isTrue();
        assertThat(Failure.of(new HttpException(408, "late")).retriable()).isTrue();
        assertThat(Failure.of(new HttpStatusException(429, "slow", null)).retriable()).isTrue();
        assertThat(Failure.of(new RuntimeException(new HttpTimeoutException("read timed out"))).retriable()).isTrue();
        assertThat(Failure.of(new RuntimeException(new SocketTimeoutException("read timed out"))).retriable()).isTrue();
        assertThat(Failure.of(new LangChain4jException(new IOException("Connection reset"))).retriable()).isTrue();
    }

    @Test
    void throttling_is_told_from_a_failure_of_the_one_request() {
        // 429 rate limit, 503 "slow down"/unavailable, Anthropic's 529 overloaded_error (Anthropic errors documentation)
        assertThat(Failure.of(new RateLimitException("slow down")).throttled()).isTrue();
        assertThat(Failure.of(new HttpStatusException(429, "rate limited", null)).throttled()).isTrue();
        assertThat(Failure.of(new HttpException(503, "Slow Down")).throttled()).isTrue();
        assertThat(Failure.of(new InternalServerException(new HttpException(529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))).throttled())
                .isTrue();
        assertThat(Failure.of(new InternalServerException(new HttpException(500, "server_error"))).throttled()).isFalse();
        assertThat(Failure.of(new HttpException(502, "bad gateway")).throttled()).isFalse();
        assertThat(Failure.of(new TimeoutException("late")).throttled()).isFalse();
        assertThat(Failure.of(new TimeoutException("late")).timeout()).isTrue();
        assertThat(Failure.of(new HttpException(500, "oops")).timeout()).isFalse();
    }

    @Test
    void bad_keys_bad_requests_unknown_models_and_unknown_errors_are_not_retriable() {
        assertThat(Failure.of(new AuthenticationException("bad key")).retriable()).isFalse();
        assertThat(Failure.of(new InvalidRequestException("bad")).retriable()).isFalse();
        assertThat(Failure.of(new ModelNotFoundException("no such model")).retriable()).isFalse();
        assertThat(Failure.of(new HttpException(400, "bad")).retriable()).isFalse();
        assertThat(Failure.of(new HttpStatusException(401, "no", null)).retriable()).isFalse();
        assertThat(Failure.of(new RuntimeException(new ConnectException("Connection refused"))).retriable()).isFalse();
        assertThat(Failure.of(new IllegalStateException("bug")).retriable()).isFalse();
    }

    @Test
    void the_first_known_cause_decides() {
        assertThat(Failure.of(new AuthenticationException(new HttpException(401, "no"))).retriable()).isFalse();
        assertThat(Failure.of(new LangChain4jException(new HttpException(502, "gateway"))).retriable()).isTrue();
    }

    @Test
    void retry_after_is_found_anywhere_in_the_cause_chain() {
        Throwable wrapped = new RateLimitException(new RuntimeException(
                new HttpStatusException(429, "slow", Duration.ofSeconds(7))));
        assertThat(Failure.of(wrapped).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(Failure.of(new RateLimitException("slow")).retryAfter()).isEmpty();
    }

    @Test
    void descriptions_name_the_status_and_what_to_check() {
        assertThat(FailureText.describe(new AuthenticationException(new HttpException(401, "Incorrect API key"))))
                .isEqualTo("HTTP 401 unauthorized; check the API key variable");
        assertThat(FailureText.describe(new HttpException(404, "model gpt-9 does not exist")))
                .isEqualTo("HTTP 404 not found; check the model name and the base URL: model gpt-9 does not exist");
        assertThat(FailureText.describe(new RuntimeException(new ConnectException("Connection refused"))))
                .contains("cannot connect").contains("check the base URL");
    }

    @Test
    void descriptions_are_one_line_and_mask_anything_like_a_key() {
        String body = "{\n  \"error\": {\n    \"message\": \"Incorrect API key provided: sk-proj-abcdef123456.\"\n"
                + " Authorization: Bearer sk-secret-999 api_key=AIzaSyD-1234567890abcdef\n  }\n}";
        String text = FailureText.describe(new HttpException(400, body));
        assertThat(text).doesNotContain("\n").doesNotContain("abcdef123456")
                .doesNotContain("secret-999").doesNotContain("1234567890abcdef")
                .startsWith("HTTP 400: ");
    }

    @Test
    void retriable_statuses_are_408_429_and_every_5xx() {
        assertThat(Failure.retriableStatus(408)).isTrue();
        assertThat(Failure.retriableStatus(429)).isTrue();
        assertThat(Failure.retriableStatus(500)).isTrue();
        assertThat(Failure.retriableStatus(503)).isTrue();
        assertThat(Failure.retriableStatus(599)).isTrue();
        assertThat(Failure.retriableStatus(400)).isFalse();
        assertThat(Failure.retriableStatus(401)).isFalse();
        assertThat(Failure.retriableStatus(404)).isFalse();
        assertThat(Failure.retriableStatus(409)).isFalse();
        assertThat(new HttpStatusException(502, "gateway", null).retriable()).isTrue();
        assertThat(new HttpStatusException(403, "no", null).retriable()).isFalse();
    }

    @Test
    void a_refused_key_is_fatal_whatever_the_body() {
        assertThat(Failure.fatalStatus(401, "")).isTrue();
        assertThat(Failure.fatalStatus(401, null)).isTrue();
        assertThat(Failure.fatalStatus(403, "{\"error\": \"forbidden\"}")).isTrue();
    }

    @Test
    void an_unknown_model_or_path_is_fatal() {
        assertThat(Failure.fatalStatus(404, "{\"error\": {\"message\": \"model 'gpt-9' not found\"}}")).isTrue();
    }

    @Test
    void googles_400_is_fatal_only_with_reason_api_key_invalid() {
        assertThat(Failure.fatalStatus(400, "{\"error\": {\"status\": \"INVALID_ARGUMENT\", \"details\": "
                + "[{\"reason\": \"API_KEY_INVALID\"}]}}")).isTrue();
        assertThat(Failure.fatalStatus(400, "{\"error\": {\"message\": \"max_tokens too large\"}}")).isFalse();
        assertThat(Failure.fatalStatus(400, null)).isFalse();
        assertThat(Failure.fatalStatus(429, "\"API_KEY_INVALID\"")).isFalse();
    }

    @Test
    void rate_limits_server_errors_and_other_client_errors_are_not_fatal() {
        for (int status : new int[] {400, 408, 409, 422, 429, 500, 502, 503}) {
            assertThat(Failure.fatalStatus(status, "{}")).as("HTTP %d", status).isFalse();
        }
    }

    @Test
    void a_server_that_cannot_be_reached_is_unreachable() {
        assertThat(Failure.unreachable(new ConnectException("Connection refused"))).isTrue();
        assertThat(Failure.unreachable(new UnknownHostException("no.such.host"))).isTrue();
        assertThat(Failure.unreachable(new UnresolvedAddressException())).isTrue();
        assertThat(Failure.unreachable(new IOException(new UnresolvedAddressException()))).isTrue();
    }

    @Test
    void a_connect_timeout_is_a_retriable_timeout_not_an_unreachable_server() {
        // issue 10: a running but busy server times out connections too (its accept queue is full)
        HttpConnectTimeoutException late = new HttpConnectTimeoutException("HTTP connect timed out");
        assertThat(Failure.unreachable(late)).isFalse();
        assertThat(Failure.fatal(late)).isFalse();
        assertThat(Failure.timedOut(late)).isTrue();
        assertThat(Failure.of(late).retriable()).isTrue();
    }

    @Test
    void a_read_timeout_or_a_dropped_connection_is_not_unreachable() {
        assertThat(Failure.unreachable(new HttpTimeoutException("request timed out"))).isFalse();
        assertThat(Failure.unreachable(new IOException("Connection reset"))).isFalse();
        assertThat(Failure.unreachable(new IOException(new IllegalStateException()))).isFalse();
        assertThat(Failure.unreachable(new IllegalStateException("bug"))).isFalse();
    }
}
