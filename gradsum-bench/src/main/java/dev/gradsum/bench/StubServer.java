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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local server speaking the OpenAI chat-completions API ({@code POST /v1/chat/completions}) for the
 * engine benchmark: bound to 127.0.0.1 on a free port, served by a thread pool, each reply held back
 * by a fixed latency (the model's thinking time the benchmark compares against). Answers come from a
 * {@link Responder}; usage counts words as tokens. TCP_NODELAY is on (see the static block).
 *
 * <p>It can fail on purpose: with {@link #failEvery(int) failEvery(n)}, every n-th request it receives
 * (the n-th, 2n-th, ... counted from its start, whatever the model) is answered, after the same
 * latency, with HTTP 500 and OpenAI's {@code server_error} body (shape as shown in
 * openai/openai-cua-sample-app#54), which gradsum's call path retries.
 */
final class StubServer implements AutoCloseable {
    /** The answer text for a request to {@code model} whose messages read {@code text}. */
    interface Responder {
        String answer(String model, String system, String user);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** OpenAI's body for an HTTP 500 (openai/openai-cua-sample-app#54). */
    private static final byte[] SERVER_ERROR = ("{\"error\":{\"message\":\"The server had an error processing your "
            + "request. Sorry about that! (stub: every n-th request fails on purpose)\",\"type\":\"server_error\","
            + "\"param\":null,\"code\":null}}").getBytes(StandardCharsets.UTF_8);

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed
        // ACK: ~40 ms added to every reply (measured here: 46 ms per call on a zero-latency stub), which
        // would be blamed on gradsum. Read once, when the first HttpServer is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong answerNanos = new AtomicLong();
    private volatile java.util.Map<String, String> remembered;
    private final AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastReply = new AtomicLong(Long.MIN_VALUE);
    private final java.util.Queue<Exchange> timeline = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean keepingTimeline; // from the first newWindow() on: a stub serving on its own keeps none
    private volatile long latencyMs;
    private volatile int failEvery;

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

    /** Requests received since the start, answered or failed on purpose. */
    long requests() {
        return requests.get();
    }

    /**
     * Nanoseconds the requests received so far spent in the server, from the body read to the reply
     * going out, summed: over a wall time, the mean number of requests in flight.
     */
    long busyNanos() {
        return busyNanos.get();
    }

    /** One request of the window: the model it named, when it arrived and when its reply went out (nanoTime). */
    record Exchange(String model, long arrived, long replied) {
    }

    /** Starts a new window for {@link #firstArrival()}, {@link #lastReply()} and {@link #timeline()}. */
    void newWindow() {
        firstArrival.set(Long.MAX_VALUE);
        lastReply.set(Long.MIN_VALUE);
        timeline.clear();
        keepingTimeline = true;
    }

    /** The window's requests so far, in the order their replies went out. */
    java.util.List<Exchange> timeline() {
        return java.util.List.copyOf(timeline);
    }

    /** {@link System#nanoTime()} when the window's first request arrived ({@code Long.MAX_VALUE}: none yet). */
    long firstArrival() {
        return firstArrival.get();
    }

    /** {@link System#nanoTime()} when the window's last reply went out ({@code Long.MIN_VALUE}: none yet). */
    long lastReply() {
        return lastReply.get();
    }

    /**
     * From now on, the stub answers a request it answered before (same model and messages) with the same text
     * without asking its responder again: the simulated models' CPU (a few hundred ms per optimize iteration,
     * on the CPUs the client under test shares) is then paid once, in a warm-up, and not in the measured
     * runs. The latency is unchanged. Only for a responder whose answer depends on the request alone.
     */
    synchronized void rememberAnswers() {
        if (remembered == null) {
            remembered = new java.util.concurrent.ConcurrentHashMap<>();
        }
    }

    private String answer(Responder responder, String model, String system, String user) {
        java.util.Map<String, String> memo = remembered;
        if (memo == null) {
            return responder.answer(model, system, user);
        }
        String key = model + '\u0000' + system + '\u0000' + user;
        String known = memo.get(key);
        if (known != null) {
            return known;
        }
        String answer = responder.answer(model, system, user);
        memo.put(key, answer);
        return answer;
    }

    /** Nanoseconds the stub's responder spent working out answers (the simulated models), summed. */
    long answerNanos() {
        return answerNanos.get();
    }

    /** Requests answered with HTTP 500 on purpose ({@link #failEvery}). */
    long failed() {
        return failed.get();
    }

    void latencyMs(long latencyMs) {
        this.latencyMs = latencyMs;
    }

    /** Every {@code n}-th request received from now on fails with HTTP 500; 0 for none. */
    void failEvery(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("failEvery must be >= 0, was " + n);
        }
        this.failEvery = n;
    }

    /** Whether the request numbered {@code serial} (1, 2, ... in order of arrival) fails when every {@code n}-th does. */
    static boolean failsOnPurpose(long serial, int n) {
        return n > 0 && serial % n == 0;
    }

    private void handle(HttpExchange exchange, Responder responder) throws IOException {
        long start = System.nanoTime();
        firstArrival.accumulateAndGet(start, Math::min);
        String model = "?";
        boolean counted = false;
        try (exchange) {
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in);
            }
            model = request.path("model").asText();
            long serial = requests.incrementAndGet();
            if (failsOnPurpose(serial, failEvery)) {
                failed.incrementAndGet();
                if (latencyMs > 0) {
                    Thread.sleep(latencyMs);
                }
                counted = replying(model, start);
                send(exchange, 500, SERVER_ERROR);
                return;
            }
            StringBuilder system = new StringBuilder();
            StringBuilder user = new StringBuilder();
            for (JsonNode m : request.path("messages")) {
                (m.path("role").asText().equals("system") ? system : user).append(m.path("content").asText()).append('\n');
            }
            long answering = System.nanoTime();
            String answer = answer(responder, model, system.toString(), user.toString());
            answerNanos.addAndGet(System.nanoTime() - answering);
            if (latencyMs > 0) {
                Thread.sleep(latencyMs);
            }
            byte[] reply = JSON.writeValueAsBytes(completion(model, answer, words(system + " " + user)));
            counted = replying(model, start);
            send(exchange, 200, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!counted) {
                replying(model, start); // no reply went out: the time the request held the server still counts
            }
        }
    }

    /**
     * Counts a request's time in the server and records it in the window, as its reply goes out: before the
     * client can have the reply, so whoever reads the counts after the last answer arrived sees them all.
     */
    private boolean replying(String model, long start) {
        long end = System.nanoTime();
        busyNanos.addAndGet(end - start);
        lastReply.accumulateAndGet(end, Math::max);
        if (keepingTimeline) {
            timeline.add(new Exchange(model, start, end));
        }
        return true;
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
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
