package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheKeyTest {
    private final LlmRequest request = LlmRequest.user("What is 2+2?").withSystem("Be brief.").withTemperature(0.7);

    @Test
    void identical_requests_have_the_same_key_a_sha256_in_hex() {
        String key = CacheKey.of("OPEN_AI", "gpt-4o-mini", request);
        assertThat(key).isEqualTo(CacheKey.of("OPEN_AI", "gpt-4o-mini",
                LlmRequest.user("What is 2+2?").withSystem("Be brief.").withTemperature(0.7)));
        assertThat(key).matches("[0-9a-f]{64}");
    }

    @Test
    void every_part_of_the_request_changes_the_key() {
        String key = CacheKey.of("OPEN_AI", "gpt-4o-mini", request);
        assertThat(CacheKey.of("ANTHROPIC", "gpt-4o-mini", request)).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o", request)).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", request.withSystem("Be long."))).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", request.withSystem(null))).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", request.withTemperature(0.8))).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", request.withTemperature(null))).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", request.withSample(1))).isNotEqualTo(key);
        assertThat(CacheKey.of("OPEN_AI", "gpt-4o-mini", request.asJson())).isNotEqualTo(key);
    }

    @Test
    void canonical_form_has_a_fixed_field_order() {
        assertThat(CacheKey.canonical("OPEN_AI", "gpt-4o-mini", request)).isEqualTo(
                "{\"format\":1,\"provider\":\"OPEN_AI\",\"model\":\"gpt-4o-mini\",\"system\":\"Be brief.\","
                        + "\"user\":\"What is 2+2?\",\"temperature\":0.7,\"sample\":0,\"json\":false}");
    }

    @Test
    void text_is_not_confused_across_message_boundaries() {
        LlmRequest a = LlmRequest.user("b\nc").withSystem("a");
        LlmRequest b = LlmRequest.user("c").withSystem("a\nb");
        assertThat(CacheKey.of("OTHER", "m", a)).isNotEqualTo(CacheKey.of("OTHER", "m", b));
    }
}
