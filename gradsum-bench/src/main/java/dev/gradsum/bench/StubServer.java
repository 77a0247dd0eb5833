package dev.gradsum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gradsum.internal.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server speaking the OpenAI chat-completions API ({@code POST /v1/chat/completions}) for the
 * engine benchmark: bound to 127.0.0.1 on a free port, served by a thread pool, each reply held back
 * by a fixed latency (the model's thinking time the benchmark compares against). Answers come from a
 * {@link Responder}; usage counts words as tokens. TCP_NODELAY is on (see the static block).
 */
final class StubServer implements AutoCloseable {
    /** The answer text for a request to {@code model} whose messages read {@code text}. */
    interface Responder {
        String answer(String model, String system, String user);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed
        // ACK: ~40 ms added to every reply (measured here: 46 ms per call on a zero-latency stub), which
        // would be blamed on gradsum. Read once, when the first HttpServer is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicLong requests = new AtomicLong();
    private volatile long latencyMs;

    StubServer(long latencyMs, int threads, Responder responder) throws IOException {
        this.latencyMs = latencyMs;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        this.pool = Executors.newFixedThreadPool(threads, new DaemonThreads("stub-server-"));
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, responder));
        server.start();
    }

    /** The base URL to give a client, e.g. {@code http://127.0.0.1:41234/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    long requests() {
        return requests.get();
    }

    void latencyMs(long latencyMs) {
        this.latencyMs = latencyMs;
    }

    private void handle(HttpExchange exchange, Responder responder) throws IOException {
        try (exchange) {
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in);
            }
            requests.incrementAndGet();
            StringBuilder system = new StringBuilder();
            StringBuilder user = new StringBuilder();
            for (JsonNode m : request.path("messages")) {
                (m.path("role").asText().equals("system") ? system : user).append(m.path("content").asText()).append('\n');
            }
            String model = request.path("model").asText();
            String answer = responder.answer(model, system.toString(), user.toString());
            if (latencyMs > 0) {
                Thread.sleep(latencyMs);
            }
            byte[] body = JSON.writeValueAsBytes(completion(model, answer,
                    words(system + " " + user)));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode completion(String model, String answer, int promptTokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-stub").put("object", "chat.completion").put("created", 1_700_000_000L).put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer);
        int completion = words(answer);
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completion)
                .put("total_tokens", promptTokens + completion);
        return root;
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
