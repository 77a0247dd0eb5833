package dev.gradsum.cli.provider;

import dev.gradsum.llm.Failure;
import dev.gradsum.llm.HttpStatusException;
import dev.gradsum.llm.ServerUnreachableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * LangChain4j's HTTP seam, on the JDK client, keeping what the stock client drops: a non-2xx answer
 * becomes {@link HttpStatusException} with the server's Retry-After (or, lacking the header, the
 * {@code retryDelay} of a Google error's RetryInfo), so gradsum's retry path can honour it. Messages never contain request headers.
 *
 * <p>This is where every model reply enters gradsum, so it is where keys are masked, once: any credential
 * this request sent (the API key in its header) is replaced by {@code ***} in whatever the server sends
 * back, an error text or a 200 reply's content alike, before anything is parsed, stored or printed.
 * A 400 naming a refused parameter becomes {@link UnsupportedParameterException}. Connection failures become
 * {@link ServerUnreachableException}, read timeouts LangChain4j's retriable
 * {@link TimeoutException} ("timed out after 1 s (the model's timeout)"). A timed-out or interrupted
 * exchange is cancelled, closing its connection, so the server stops working on it.
 */
final class StatusHttpClient implements HttpClient {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "x-api-key", "api-key",
            "x-goog-api-key");
    private static final int MAX_ERROR_TEXT = 300;

    private final java.net.http.HttpClient http;
    private final Duration readTimeout;
    private final String label;
    private final String baseUrl;
    private final Clock clock;
    private final String keyHint;

    /** @param keyHint where the key comes from, for a refused key ({@code the API key in $OPENAI_API_KEY}) */
    StatusHttpClient(java.net.http.HttpClient http, Duration readTimeout, String label, String baseUrl, Clock clock,
                     String keyHint) {
        this.http = http;
        this.readTimeout = readTimeout;
        this.label = label;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.keyHint = keyHint;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        if (readTimeout != null) {
            b.timeout(readTimeout);
        }
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        String body = request.body();
        b.method(request.method().name(), body == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response;
        try {
            // on JDK 16+ a timed-out or interrupted send cancels its exchange and closes the connection
            // (JDK-8245462), so the server sees the hang-up; StatusHttpClientCancelTest checks it
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | UnresolvedAddressException e) {
            if (Failure.unreachable(e)) {
                throw new ServerUnreachableException(unreachable(e instanceof ConnectException
                        ? "connection refused" : "unknown host"), e);
            }
            if (e instanceof HttpConnectTimeoutException) {
                // the server accepted connections before the run (Reachability): now it is too busy to
                throw new TimeoutException("timed out after " + seconds(http.connectTimeout().orElse(readTimeout))
                        + " waiting for the server to accept the connection (the model's timeout)");
            }
            if (e instanceof HttpTimeoutException) {
                throw new TimeoutException("timed out after " + seconds(readTimeout) + " (the model's timeout)");
            }
            throw new TimeoutException(label + ": connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + maskCredentials(e.getMessage(), request.headers())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.langchain4j.exception.LangChain4jException(label + ": interrupted");
        }
        int status = response.statusCode();
        String replyBody = maskCredentials(response.body(), request.headers());
        if (status < 200 || status >= 300) {
            Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                    clock.instant());
            if (retryAfter == null) {
                retryAfter = RetryAfter.fromGoogleRetryInfo(replyBody);
            }
            String text = errorText(replyBody, request.headers());
            java.util.Optional<String> refused = UnsupportedParameterException.refusedParameter(status, replyBody);
            if (refused.isPresent()) {
                throw new UnsupportedParameterException(refused.get(), label + ": HTTP 400 from " + baseUrl + ": " + text);
            }
            String report = !Failure.fatalStatus(status, replyBody) ? null
                    : label + ": HTTP " + status + " from " + baseUrl + ": " + text + "; "
                            + (status == 404 ? "check the model name and base_url" : "check " + keyHint);
            throw new HttpStatusException(status, text, retryAfter, report);
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(status)
                .headers(response.headers().map())
                .body(replyBody)
                .build();
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        listener.onError(new UnsupportedOperationException("gradsum does not stream model answers"));
    }

    private String unreachable(String why) {
        return label + ": cannot connect to " + baseUrl + " (" + why + "); is the server running?";
    }

    /** The server's error text on one line, shortened, with any credential we sent masked out. */
    static String errorText(String body, Map<String, List<String>> requestHeaders) {
        String masked = maskCredentials(body, requestHeaders);
        String text = masked == null ? "" : masked.replaceAll("\\s+", " ").trim();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
    }

    /** {@code text} with every credential the request sent in its headers replaced by {@code ***}. */
    static String maskCredentials(String text, Map<String, List<String>> requestHeaders) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, List<String>> h : requestHeaders.entrySet()) {
            if (CREDENTIAL_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                for (String value : h.getValue()) {
                    String secret = value.startsWith("Bearer ") ? value.substring(7) : value;
                    if (secret.length() >= 4) {
                        out = out.replace(secret, "***");
                    }
                }
            }
        }
        return out;
    }
}
