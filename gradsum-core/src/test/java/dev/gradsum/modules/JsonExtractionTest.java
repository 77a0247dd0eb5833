package dev.gradsum.modules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonExtractionTest {
    @Test
    void finds_an_object_inside_a_code_fence_with_prose_around_it() {
        String reply = "Here is my verdict.\n```json\n{\"reasoning\": \"fine {really}\", \"score\": 1}\n```\nHope it helps!";
        assertThat(JsonExtraction.objectWithField(reply, "score"))
                .hasValueSatisfying(o -> assertThat(o.get("reasoning").asText()).isEqualTo("fine {really}"));
    }

    @Test
    void skips_braces_in_prose_and_objects_without_the_wanted_field() {
        String reply = "Placeholders look like {question}. Example: {\"a\": 1}. Answer: {\"prompts\": [\"x {y}\"]}";
        assertThat(JsonExtraction.objectWithField(reply, "prompts"))
                .hasValueSatisfying(o -> assertThat(o.get("prompts").get(0).asText()).isEqualTo("x {y}"));
    }

    @Test
    void tolerates_raw_line_breaks_inside_strings() {
        String reply = "{\"prompts\": [\"line one\nline two\"]}";
        assertThat(JsonExtraction.objectWithField(reply, "prompts"))
                .hasValueSatisfying(o -> assertThat(o.get("prompts").get(0).asText()).isEqualTo("line one\nline two"));
    }

    @Test
    void says_why_nothing_usable_was_found() {
        assertThat(JsonExtraction.objectWithField("I think it is good, score 1", "score")).isEmpty();
        assertThat(JsonExtraction.whyMissing("I think it is good, score 1", "score"))
                .isEqualTo("the answer holds no valid JSON object");
        assertThat(JsonExtraction.whyMissing("{\"verdict\": 1}", "score"))
                .isEqualTo("the JSON object has no \"score\" field");
        assertThat(JsonExtraction.whyMissing("  ", "score")).isEqualTo("the answer was empty");
    }

    @Test
    void a_truncated_object_is_not_found() {
        assertThat(JsonExtraction.objectWithField("{\"reasoning\": \"the answer is", "score")).isEmpty();
    }
}
