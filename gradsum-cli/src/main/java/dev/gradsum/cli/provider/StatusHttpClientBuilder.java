package dev.gradsum.cli.provider;

import dev.gradsum.llm.CallPath;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds a {@link StatusHttpClient} for one model. LangChain4j sets the timeouts from the model
 * builder's {@code timeout(...)}; {@code label} names the model in messages ({@code target model}).
 */
final class StatusHttpClientBuilder implements HttpClientBuilder {
    private final String label;
    private final String baseUrl;
    private final String keyHint;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = CallPath.DEFAULT_TIMEOUT;

    StatusHttpClientBuilder(String label, String baseUrl, String keyHint) {
        this.label = label;
        this.baseUrl = baseUrl;
        this.keyHint = keyHint;
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        if (timeout != null) {
            this.connectTimeout = timeout;
        }
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        if (timeout != null) {
            this.readTimeout = timeout;
        }
        return this;
    }

    @Override
    public HttpClient build() {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        return new StatusHttpClient(http, readTimeout, label, baseUrl, Clock.systemUTC(), keyHint);
    }
}
