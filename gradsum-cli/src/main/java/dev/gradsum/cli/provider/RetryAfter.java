package dev.gradsum.cli.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an HTTP {@code Retry-After} header: delay seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {
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
}
