package dev.gradsum.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local server on 127.0.0.1 speaking one provider's wire format, for {@link ProviderContract}: it records
 * every request body and answers each with {@link #respond}, which a subclass writes to emulate what its
 * provider documents (every emulated behaviour names its source). {@link #answer(String)} is the
 * provider's ordinary answer; answer-side behaviours (thinking fields, truncation, refusals) extend it.
 */
abstract class WireStub implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());

    WireStub() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                JsonNode body;
                try {
                    body = JSON.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
                } catch (IOException e) {
                    return status(400, "{\"error\": {\"message\": \"bad json\"}}");
                }
                int n;
                synchronized (requests) {
                    requests.add(body);
                    n = requests.size();
                }
                return respond(body, n);
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The provider a model section names to reach this stub. */
    abstract Provider provider();

    /** A model name this provider serves. */
    abstract String model();

    /** The wire body of an ordinary answer with {@code text}, with token usage unless the server omits it. */
    abstract String answer(String text);

    /** The temperature field of a request body, or a missing node. */
    abstract JsonNode temperatureOf(JsonNode request);

    /** The output-token limit of a request body (in the provider's field), or a missing node. */
    abstract JsonNode maxTokensOf(JsonNode request);

    /** Whether answers carry token usage (many local servers send none). */
    boolean reportsUsage() {
        return true;
    }

    /** The answer to the {@code n}-th request (from 1); the provider's ordinary answer unless overridden. */
    MockResponse respond(JsonNode request, int n) {
        return ok(answer("Paris"));
    }

    /** A base URL for a model section. */
    String baseUrl() {
        return server.url("/v1").toString();
    }

    /** A model section for this stub in {@code role}; {@code temperature} and {@code maxTokens} may be null. */
    ModelSpec spec(String role, String model, Double temperature, Integer maxTokens) {
        return new ModelSpec(role, provider(), model, null, baseUrl(), temperature, maxTokens,
                java.time.Duration.ofSeconds(10), null);
    }

    ModelSpec spec(String role, Double temperature, Integer maxTokens) {
        return spec(role, model(), temperature, maxTokens);
    }

    List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    JsonNode lastRequest() {
        List<JsonNode> all = requests();
        return all.get(all.size() - 1);
    }

    static MockResponse ok(String body) {
        return status(200, body);
    }

    static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
