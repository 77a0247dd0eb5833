package dev.gradsum.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void seconds_are_read_as_a_delay() {
        assertThat(RetryAfter.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0.5 ", NOW)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void an_http_date_is_read_as_the_time_until_then() {
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void absent_or_unreadable_headers_give_nothing() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("-3", NOW)).isNull();
    }

    @Test
    void a_google_error_body_gives_its_retry_info_delay() {
        String body = """
                {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [
                  {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "12s"}]}}""";
        assertThat(RetryAfter.fromGoogleRetryInfo(body)).isEqualTo(Duration.ofSeconds(12));
        assertThat(RetryAfter.fromGoogleRetryInfo("{\"retryDelay\":\"0.250s\"}")).isEqualTo(Duration.ofMillis(250));
        assertThat(RetryAfter.fromGoogleRetryInfo("{\"error\": {\"code\": 429}}")).isNull();
        assertThat(RetryAfter.fromGoogleRetryInfo(null)).isNull();
    }

    @Test
    void server_error_text_masks_the_credential_that_was_sent() {
        String text = StatusHttpClient.errorText("{\"error\": \"bad key sk-abc123456\"}",
                Map.of("Authorization", List.of("Bearer sk-abc123456"), "Content-Type", List.of("application/json")));
        assertThat(text).isEqualTo("{\"error\": \"bad key ***\"}");
        assertThat(StatusHttpClient.errorText("API key not valid: AIza-xyz-123", Map.of("x-goog-api-key", List.of("AIza-xyz-123"))))
                .isEqualTo("API key not valid: ***");
        assertThat(StatusHttpClient.errorText("", Map.of())).isEqualTo("(empty body)");
        assertThat(StatusHttpClient.errorText("x".repeat(1000), Map.of())).hasSize(301);
    }
}
