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
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
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
}
