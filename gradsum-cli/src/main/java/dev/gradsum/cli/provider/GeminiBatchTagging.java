package dev.gradsum.cli.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.model.batch.BatchResponse;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.googleai.GeminiBatchRequest;
import dev.langchain4j.model.googleai.GoogleAiGeminiBatchChatModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gemini batch mode's tag: gradsum's submission token is the batch's {@code displayName} ("the user-defined
 * name of this batch", required by {@code models.batchGenerateContent}: ai.google.dev/api/batch-api), sent
 * through LangChain4j's {@code GeminiBatchRequest}; {@link #find} reads the batch operations
 * ({@code GET /v1beta/batches}, a ListOperationsResponse of {@code operations[]} with {@code metadata.displayName},
 * and {@code nextPageToken}; LangChain4j's own {@code list} drops the display name), up to {@link #PAGES} pages.
 */
final class GeminiBatchTagging implements LangChain4jBatches.Tagging {
    /** How many pages of {@link #PAGE_SIZE} batch operations {@link #find} looks through. */
    static final int PAGES = 5;
    static final int PAGE_SIZE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GoogleAiGeminiBatchChatModel model;
    private final HttpClient http;
    private final String baseUrl;
    private final String apiKey;

    /** @param baseUrl e.g. {@code https://generativelanguage.googleapis.com/v1beta} */
    GeminiBatchTagging(GoogleAiGeminiBatchChatModel model, HttpClient http, String baseUrl, String apiKey) {
        this.model = Objects.requireNonNull(model, "model");
        this.http = Objects.requireNonNull(http, "http");
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
    }

    @Override
    public BatchResponse<ChatResponse> submit(List<ChatRequest> requests, String token) {
        return model.submit(GeminiBatchRequest.from(requests, token));
    }

    @Override
    public Optional<String> find(String token) {
        String page = null;
        for (int i = 0; i < PAGES; i++) {
            String url = baseUrl + "/batches?pageSize=" + PAGE_SIZE
                    + (page == null ? "" : "&pageToken=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
            HttpRequest.Builder request = HttpRequest.builder().method(HttpMethod.GET).url(url);
            if (apiKey != null) {
                request.addHeader("x-goog-api-key", apiKey);
            }
            JsonNode list = parse(http.execute(request.build()).body());
            for (JsonNode operation : list.path("operations")) {
                if (token.equals(operation.path("metadata").path("displayName").asText(null))) {
                    return Optional.of(operation.path("name").asText());
                }
            }
            page = list.path("nextPageToken").asText("");
            if (page.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Gemini batches: not JSON: " + json, e);
        }
    }
}
