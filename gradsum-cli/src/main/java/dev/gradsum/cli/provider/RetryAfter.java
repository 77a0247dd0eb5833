package dev.gradsum.cli.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the wait a server asks for: an HTTP {@code Retry-After} header, delay seconds or an HTTP date
 * (RFC 9110 §10.2.3), or the {@code retryDelay} Google's APIs put in the error body's RetryInfo.
 */
final class RetryAfter {
    /** {@code "retryDelay": "7s"} or {@code "0.5s"}: a protobuf Duration in JSON. */
    private static final Pattern GOOGLE_RETRY_DELAY =
            Pattern.compile("\"retryDelay\"\\s*:\\s*\"(\\d+(?:\\.\\d+)?)s\"");

    private RetryAfter() {
    }

    /** The wait the server asked for, or {@code null} when the header is absent or unreadable. */
    static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 || Double.isNaN(seconds) ? null : Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** The {@code retryDelay} of a Google error body's RetryInfo, or {@code null} when there is none. */
    static Duration fromGoogleRetryInfo(String body) {
        if (body == null) {
            return null;
        }
        Matcher m = GOOGLE_RETRY_DELAY.matcher(body);
        return m.find() ? Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000)) : null;
    }
}
