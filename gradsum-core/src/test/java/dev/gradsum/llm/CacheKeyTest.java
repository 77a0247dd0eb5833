package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    private final LlmRequest request = LlmRequest.user("What is 2+2?").withSystem("Be brief.").withTemperature(0.7);
    private final ChatModel plain = modelWith(ChatRequestParameters.builder().build());

    @Test
    void identical_requests_have_the_same_key_a_sha256_in_hex() {
        String key = CacheKey.of("OPEN_AI", "gpt-4o-mini", plain, request);
        assertThat(key).isEqualTo(CacheKey.of("OPEN_AI", "gpt-4o-mini", modelWith(ChatRequestParameters.builder().build()),
                LlmRequest.user("What is 2+2?").withSystem("Be brief.").withTemperature(0.7)));
        assertThat(key).matches("[0-9a-f]{64}");
    }

    @Test
    void every_part_of_the_request_changes_the_key() {
        String key = CacheKey.of("OPEN_AI", "gpt-4o-mini", plain, request);
        assertThat(CacheKey.of("ANTHROPIC", "gpt-4o-mini", plain, request)).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o", plain, request)).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", plain, request.withSystem("Be long."))).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", plain, request.withSystem(null))).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", plain, request.withTemperature(0.8))).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", plain, request.withTemperature(null))).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", plain, request.withSample(1))).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", plain, request.asJson())).isNotEqualTo(key);
    }

    @Test
    void prior_turns_change_the_key_and_a_request_without_them_keeps_its_canonical_form() {
        String key = CacheKey.of("OPEN_AI", "m", plain, request);
        var question = new dev.gradsum.data.PromptTemplate.Turn(dev.gradsum.data.PromptTemplate.MessageRole.USER, "Hi");
        var answer = new dev.gradsum.data.PromptTemplate.Turn(dev.gradsum.data.PromptTemplate.MessageRole.ASSISTANT, "Hello");
        assertThat(CacheKey.of("OPEN_AI", "m", plain, request.withTurns(java.util.List.of()))).isEqualTo(key);
        String withTurns = CacheKey.of("OPEN_AI", "m", plain, request.withTurns(java.util.List.of(question, answer)));
        assertThat(withTurns).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "m", plain, request.withTurns(java.util.List.of(question,
                new dev.gradsum.data.PromptTemplate.Turn(dev.gradsum.data.PromptTemplate.MessageRole.ASSISTANT, "Hey")))))
                .isNotEqualTo(withTurns);
        assertThat(CacheKey.canonical("OPEN_AI", "m", plain, request)).doesNotContain("turns");
        assertThat(CacheKey.canonical("OPEN_AI", "m", plain, request.withTurns(java.util.List.of(question, answer))))
                .contains("\"json\":false,\"turns\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Hello\"}]");
    }

    @Test
    void every_default_setting_of_the_model_changes_the_key() {
        String key = CacheKey.of("OPEN_AI", "m", plain, request);
        assertThat(CacheKey.of("OPEN_AI", "m", modelWith(ChatRequestParameters.builder().maxOutputTokens(40).build()),
                request)).isNotEqualTo(key);
        String forty = CacheKey.of("OPEN_AI", "m", modelWith(ChatRequestParameters.builder().maxOutputTokens(40).build()),
                request);
        assertThat(CacheKey.of("OPEN_AI", "m", modelWith(ChatRequestParameters.builder().maxOutputTokens(400).build()),
                request)).isNotEqualTo(forty);
        assertThat(CacheKey.of("OPEN_AI", "m", modelWith(ChatRequestParameters.builder().temperature(0.0).build()),
                request)).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "m", modelWith(ChatRequestParameters.builder().topP(0.5).build()),
                request)).isNotEqualTo(key);
    }

    @Test
    void settings_a_model_reports_beyond_its_parameters_change_the_key() {
        ChatModel budget1k = new SettingsModel("thinking_budget=1000");
        ChatModel budget2k = new SettingsModel("thinking_budget=2000");
        assertThat(CacheKey.of("ANTHROPIC", "m", budget1k, request))
                .isNotEqualTo(CacheKey.of("ANTHROPIC", "m", budget2k, request))
                .isEqualTo(CacheKey.of("ANTHROPIC", "m", new SettingsModel("thinking_budget=1000"), request));
    }

    @Test
    void canonical_form_has_a_fixed_field_order() {
        assertThat(CacheKey.canonical("OPEN_AI", "gpt-4o-mini", plain, request)).isEqualTo(
                "{\"format\":2,\"provider\":\"OPEN_AI\",\"model\":\"gpt-4o-mini\",\"system\":\"Be brief.\","
                        + "\"user\":\"What is 2+2?\",\"temperature\":0.7,\"sample\":0,\"json\":false,"
                        + "\"defaults\":{\"temperature\":null,\"top_p\":null,\"top_k\":null,\"max_output_tokens\":null,"
                        + "\"frequency_penalty\":null,\"presence_penalty\":null,\"stop\":\"\",\"response_format\":null}}");
    }

    @Test
    void text_is_not_confused_across_message_boundaries() {
        LlmRequest a = LlmRequest.user("b\nc").withSystem("a");
        LlmRequest b = LlmRequest.user("c").withSystem("a\nb");
        assertThat(CacheKey.of("OTHER", "m", plain, a)).isNotEqualTo(CacheKey.of("OTHER", "m", plain, b));
    }

    private static ChatModel modelWith(ChatRequestParameters parameters) {
        return new ChatModel() {
            @Override
            public ChatRequestParameters defaultRequestParameters() {
                return parameters;
            }
        };
    }

    private record SettingsModel(String settings) implements ChatModel, ModelSettings {
    }
}
