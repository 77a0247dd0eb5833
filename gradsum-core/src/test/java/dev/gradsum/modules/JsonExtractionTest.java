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

    /** Loose "JSON" as DeepSeek, Qwen and Llama via Ollama write it (manhhailua/lorekeep#192, dottxt-ai/outlines#677). */
    @Test
    void reads_trailing_commas_single_quotes_unquoted_names_and_comments() {
        String reply = "```json\n{\n  // my verdict\n  'reasoning': 'it\\'s right', # sure\n  score: 1,\n}\n```";
        assertThat(JsonExtraction.objectWithField(reply, "score")).hasValueSatisfying(o -> {
            assertThat(o.get("score").asInt()).isEqualTo(1);
            assertThat(o.get("reasoning").asText()).isEqualTo("it's right");
        });
        assertThat(JsonExtraction.objectWithField("{\"prompts\": [\"a\", \"b\",],}", "prompts"))
                .hasValueSatisfying(o -> assertThat(o.get("prompts")).hasSize(2));
    }

    /** JSON cut at the token limit (agent0ai/agent-zero#1836): only the strings complete before the cut count. */
    @Test
    void keeps_the_complete_strings_of_a_list_cut_off_mid_string() {
        String cut = "Sure:\n```json\n{\"note\": {\"x\": [1]}, \"prompts\": [\"First {q}.\", \"Second {q}.\", \"Thi";
        assertThat(JsonExtraction.completeStringsOfCutList(cut, "prompts")).containsExactly("First {q}.", "Second {q}.");
        assertThat(JsonExtraction.completeStringsOfCutList("{\"prompts\": [\"Only one is cu", "prompts")).isEmpty();
        assertThat(JsonExtraction.completeStringsOfCutList("no json at all", "prompts")).isEmpty();
    }
}
