package dev.gradsum.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.HoldingServer;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An exchange the caller gives up on is cancelled at the server: the connection closes, so a server
 * that aborts work on a hang-up (vLLM: vllm-project/vllm#6975, #8332) stops working on it.
 */
class StatusHttpClientCancelTest {
    private static HttpRequest chat(String baseUrl) {
        return HttpRequest.builder().method(HttpMethod.POST).url(baseUrl + "/chat/completions")
                .addHeader("Content-Type", "application/json").body("{\"model\": \"m\", \"messages\": []}").build();
    }

    private static StatusHttpClient client(Duration timeout) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(timeout)
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        return new StatusHttpClient(http, timeout, "target model", "http://stub", Clock.systemUTC(), "the key");
    }

    @Test
    void an_interrupted_caller_hangs_up_so_the_server_stops_working_on_the_request() throws Exception {
        try (HoldingServer server = new HoldingServer(Duration.ofSeconds(20))) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    client(Duration.ofSeconds(60)).execute(chat(server.baseUrl()));
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            });
            caller.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.received() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            caller.interrupt();
            caller.join(5000);

            assertThat(caller.isAlive()).as("the caller returned at once").isFalse();
            assertThat(failure.get()).hasMessageContaining("interrupted");
            deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (server.abandoned() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.abandoned()).as("the server saw the client hang up").isEqualTo(1);
        }
    }

    @Test
    void a_timed_out_exchange_is_named_a_timeout_and_hung_up() throws Exception {
        try (HoldingServer server = new HoldingServer(Duration.ofSeconds(20))) {
            Throwable failure = null;
            try {
                client(Duration.ofMillis(300)).execute(chat(server.baseUrl()));
            } catch (RuntimeException e) {
                failure = e;
            }
            assertThat(failure).isInstanceOf(dev.langchain4j.exception.TimeoutException.class)
                    .hasMessage("timed out after 0.3 s (the model's timeout)");
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (server.abandoned() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.abandoned()).isEqualTo(1);
        }
    }

    @Test
    void a_running_server_too_busy_to_accept_is_a_timeout_not_an_unreachable_one() throws Exception {
        // a server that accepts nothing more: its queue of connections not yet accepted is full
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            java.util.List<java.net.Socket> queued = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.net.Socket s = new java.net.Socket();
                    try {
                        s.connect(busy.getLocalSocketAddress(), 200);
                        queued.add(s);
                    } catch (java.io.IOException full) {
                        s.close();
                        break;
                    }
                }
                String url = "http://127.0.0.1:" + busy.getLocalPort() + "/v1";
                Throwable failure = null;
                try {
                    client(Duration.ofMillis(300)).execute(chat(url));
                } catch (RuntimeException e) {
                    failure = e;
                }
                assertThat(failure).isInstanceOf(dev.langchain4j.exception.TimeoutException.class)
                        .hasMessage("timed out after 0.3 s waiting for the server to accept the connection"
                                + " (the model's timeout)");
                assertThat(dev.gradsum.llm.Failure.fatal(failure)).as("retried, not a stop").isFalse();
            } finally {
                for (java.net.Socket s : queued) {
                    s.close();
                }
            }
        }
    }
}
