package dev.gradsum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stub's failures on purpose (every n-th request it receives is an HTTP 500 with OpenAI's server_error
 * body), and what the engine benchmark reads from it: remembered answers and the window's timeline.
 */
class StubServerTest {
    private static final String BODY = "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

    @Test
    void every_seventh_request_fails_with_openais_server_error_and_the_rest_are_answered() throws Exception {
        try (StubServer stub = new StubServer(0, 4, (model, system, user) -> "hello")) {
            stub.failEvery(7);
            HttpClient client = HttpClient.newHttpClient();
            List<Integer> statuses = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                HttpResponse<String> r = send(client, stub, BODY);
                statuses.add(r.statusCode());
                bodies.add(r.body());
            }

            for (int i = 0; i < 15; i++) {
                assertThat(statuses.get(i)).as("request " + (i + 1)).isEqualTo((i + 1) % 7 == 0 ? 500 : 200);
            }
            assertThat(bodies.get(6)).contains("\"type\":\"server_error\"");
            assertThat(bodies.get(0)).contains("\"content\":\"hello\"");
            assertThat(stub.requests()).isEqualTo(15);
            assertThat(stub.failed()).isEqualTo(2);

            stub.failEvery(0);
            assertThat(send(client, stub, BODY).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void once_told_to_remember_it_asks_its_responder_once_per_distinct_request_and_keeps_a_timeline() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        try (StubServer stub = new StubServer(0, 4, (model, system, user) -> "answer " + asked.incrementAndGet())) {
            HttpClient client = HttpClient.newHttpClient();
            String other = BODY.replace("\"hi\"", "\"hello\"");
            assertThat(send(client, stub, BODY).body()).contains("answer 1");
            assertThat(send(client, stub, BODY).body()).as("not remembering yet").contains("answer 2");

            stub.rememberAnswers();
            stub.newWindow();
            assertThat(send(client, stub, BODY).body()).contains("answer 3");
            assertThat(send(client, stub, BODY).body()).as("remembered").contains("answer 3");
            assertThat(send(client, stub, other).body()).as("another request").contains("answer 4");
            assertThat(asked).hasValue(4);
            assertThat(stub.timeline()).hasSize(3).allSatisfy(e -> {
                assertThat(e.model()).isEqualTo("m");
                assertThat(e.replied()).isGreaterThanOrEqualTo(e.arrived());
            });
            assertThat(stub.firstArrival()).isLessThanOrEqualTo(stub.lastReply());
        }
    }

    private static HttpResponse<String> send(HttpClient client, StubServer stub, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_rule_counts_requests_from_one() {
        assertThat(StubServer.failsOnPurpose(7, 7)).isTrue();
        assertThat(StubServer.failsOnPurpose(6, 7)).isFalse();
        assertThat(StubServer.failsOnPurpose(14, 7)).isTrue();
        assertThat(StubServer.failsOnPurpose(7, 0)).isFalse();
    }
}
