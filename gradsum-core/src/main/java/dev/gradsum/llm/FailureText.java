package dev.gradsum.llm;

import dev.gradsum.internal.Causes;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.ModelNotFoundException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Says in a few words what went wrong with a call, for the one-line {@link LlmException} message:
 * the HTTP status and what to check, or the error type and its first line. Anything that looks
 * like a credential (OpenAI/Anthropic {@code sk-…}, Google {@code AIza…}, bearer tokens,
 * {@code key=…}) is masked, since provider messages sometimes echo part of the key.
 */
final class FailureText {
    private static final int MAX_DETAIL = 200;
    private static final Pattern[] SECRETS = {
        Pattern.compile("sk-[A-Za-z0-9_*.\\-]{4,}"),
        Pattern.compile("AIza[A-Za-z0-9_\\-]{8,}"),
        Pattern.compile("(?i)bearer\\s+[^\\s,;\"']+"),
        Pattern.compile("(?i)((?:api[-_]?)?key)([\"']?\\s*[=:]\\s*[\"']?)[^\\s,;&\"']+"),
    };

    private FailureText() {
    }

    static String describe(Throwable error) {
        List<Throwable> chain = Causes.chain(error);
        for (Throwable t : chain) {
            if (t instanceof HttpException h) {
                return http(h.statusCode(), detail(h));
            }
        }
        if (Failure.timedOut(error)) {
            Throwable t = chain.stream().filter(Failure::timedOut).reduce((a, b) -> b).orElse(error);
            String detail = detail(t);
            return detail.startsWith("timed out") ? detail : "timed out" + withDetail(detail);
        }
        for (Throwable t : chain) {
            if (t instanceof AuthenticationException) {
                return "authentication failed; check the API key variable";
            }
            if (t instanceof ModelNotFoundException) {
                return "model not found; check the model name" + withDetail(detail(t));
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return "cannot connect to the provider" + withDetail(t.getClass().getSimpleName()
                        + (detail(t).isEmpty() ? "" : " " + detail(t))) + "; check the base URL";
            }
        }
        return error.getClass().getSimpleName() + withDetail(detail(error));
    }

    /** {@code 7 s}, {@code 5 min}, {@code 2 min 30 s}: a wait as people say it. */
    static String duration(java.time.Duration d) {
        long seconds = Math.round(d.toMillis() / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }

    private static String http(int status, String detail) {
        return switch (status) {
            case 401 -> "HTTP 401 unauthorized; check the API key variable";
            case 403 -> "HTTP 403 forbidden; check the API key variable and the account's access to this model";
            case 404 -> "HTTP 404 not found; check the model name and the base URL" + withDetail(detail);
            case 408 -> "HTTP 408 request timeout" + withDetail(detail);
            case 429 -> "HTTP 429 rate limited" + withDetail(detail);
            default -> "HTTP " + status + (status >= 500 ? " server error" : "") + withDetail(detail);
        };
    }

    private static String withDetail(String detail) {
        return detail.isEmpty() ? "" : ": " + detail;
    }

    /** The message on one line, masked and shortened. */
    static String detail(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "";
        }
        String masked = mask(message.strip().replaceAll("\\s+", " "));
        return masked.length() <= MAX_DETAIL ? masked : masked.substring(0, MAX_DETAIL) + "…";
    }

    static String mask(String text) {
        String out = SECRETS[0].matcher(text).replaceAll("sk-***");
        out = SECRETS[1].matcher(out).replaceAll("AIza***");
        out = SECRETS[2].matcher(out).replaceAll("Bearer ***");
        return SECRETS[3].matcher(out).replaceAll("$1$2***");
    }
}
