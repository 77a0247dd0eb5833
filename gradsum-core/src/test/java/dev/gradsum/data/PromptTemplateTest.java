package dev.gradsum.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.exception.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

    @Test
    void placeholders_are_listed_once_in_order_of_first_appearance() {
        PromptTemplate t = PromptTemplate.of("Q: {question}\nContext: {context}\nAgain: {question} {a_1}");

        assertThat(t.placeholders()).containsExactly("question", "context", "a_1");
    }

    @Test
    void render_fills_every_placeholder() {
        PromptTemplate t = PromptTemplate.of("Solve: {question}\nThink step by step about {question}.");

        assertThat(t.render(Map.of("question", "2+2")))
                .isEqualTo("Solve: 2+2\nThink step by step about 2+2.");
    }

    @Test
    void double_braces_render_as_single_literal_braces_and_are_not_placeholders() {
        PromptTemplate t = PromptTemplate.of("Answer as JSON {{\"answer\": {{}}}} for {question}; {{name}}");

        assertThat(t.placeholders()).containsExactly("question");
        assertThat(t.render(Map.of("question", "x")))
                .isEqualTo("Answer as JSON {\"answer\": {}} for x; {name}");
    }

    @Test
    void escape_makes_any_text_render_as_itself() {
        String literal = "JSON {\"a\": {\"b\": 1}} and {not_a_placeholder}";
        PromptTemplate t = PromptTemplate.of(PromptTemplate.escape(literal) + " {q}");

        assertThat(t.placeholders()).containsExactly("q");
        assertThat(t.render(Map.of("q", "ok"))).isEqualTo(literal + " ok");
    }

    @Test
    void values_are_inserted_verbatim_and_not_expanded_again() {
        PromptTemplate t = PromptTemplate.of("{a} and {b}");

        assertThat(t.render(Map.of("a", "{b}", "b", "}} {{ $1 \\n")))
                .isEqualTo("{b} and }} {{ $1 \\n");
    }

    @Test
    void text_without_placeholders_renders_unchanged() {
        PromptTemplate t = PromptTemplate.of("Just answer.");

        assertThat(t.placeholders()).isEmpty();
        assertThat(t.render(Map.of())).isEqualTo("Just answer.");
        assertThat(PromptTemplate.of("").render(Map.of())).isEmpty();
    }

    @Test
    void chinese_prompt_and_chinese_placeholder_names_work() {
        PromptTemplate t = PromptTemplate.of("请回答下面的问题：{问题}\n参考资料：{context}");

        assertThat(t.placeholders()).containsExactly("问题", "context");
        assertThat(t.render(Map.of("问题", "天空为什么是蓝色的？", "context", "瑞利散射")))
                .isEqualTo("请回答下面的问题：天空为什么是蓝色的？\n参考资料：瑞利散射");
    }

    @Test
    void render_from_an_example_uses_its_fields() {
        Example row = new Example("7", Map.of("question", "What is 6*7?", "answer", "42"));

        assertThat(PromptTemplate.of("Q: {question}").render(row)).isEqualTo("Q: What is 6*7?");
    }

    @Test
    void missing_value_names_the_placeholder_and_the_available_fields() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("question", "q");
        values.put("answer", "a");

        assertThatThrownBy(() -> PromptTemplate.of("{question} {context}").render(values))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("{context}")
                .hasMessageContaining("available fields: question, answer");
    }

    @Test
    void missing_value_for_an_example_names_the_example() {
        Example row = new Example("gsm8k-3", Map.of("question", "q"));

        assertThatThrownBy(() -> PromptTemplate.of("{problem}").render(row))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("example gsm8k-3: no value for placeholder {problem}; available fields: question");
    }

    @Test
    void unmatched_open_brace_is_reported_with_line_and_column() {
        assertThatThrownBy(() -> PromptTemplate.of("line one\nsay {hello and {name}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("prompt template, line 2, column 5: unmatched '{'; write {{ for a literal '{'");
    }

    @Test
    void open_brace_at_end_of_text_is_unmatched() {
        assertThatThrownBy(() -> PromptTemplate.of("abc {"))
                .hasMessageContaining("line 1, column 5: unmatched '{'");
    }

    @Test
    void stray_closing_brace_is_reported_with_line_and_column() {
        assertThatThrownBy(() -> PromptTemplate.of("{a}\n\n  oops }"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("prompt template, line 3, column 8: stray '}' with no matching '{'; "
                        + "write }} for a literal '}'");
    }

    @Test
    void invalid_name_inside_braces_is_reported_and_suggests_doubling_braces() {
        assertThatThrownBy(() -> PromptTemplate.of("Reply {\"answer\": 1}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("line 1, column 7: invalid placeholder name '\"answer\": 1'")
                .hasMessageContaining("write {{ and }} for literal braces");
        assertThatThrownBy(() -> PromptTemplate.of("{first name}"))
                .hasMessageContaining("invalid placeholder name 'first name'");
        assertThatThrownBy(() -> PromptTemplate.of("{a-b}"))
                .hasMessageContaining("invalid placeholder name 'a-b'");
    }

    @Test
    void empty_braces_are_an_error() {
        assertThatThrownBy(() -> PromptTemplate.of("x {} y"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("column 3: empty placeholder {}");
    }

    @Test
    void multi_line_json_in_single_braces_is_an_error_at_its_opening_brace() {
        assertThatThrownBy(() -> PromptTemplate.of("Return:\n{\n  \"a\": 1\n}"))
                .hasMessageStartingWith("prompt template, line 2, column 1: invalid placeholder name '\\n  \"a\": 1\\n'");
    }

    @Test
    void errors_name_the_origin_file_when_given() {
        assertThatThrownBy(() -> PromptTemplate.of("ok\n  }", "prompt.txt"))
                .hasMessageStartingWith("prompt.txt:2:3: stray '}'");
    }

    @Test
    void columns_count_characters_not_bytes() {
        assertThatThrownBy(() -> PromptTemplate.of("问题：}"))
                .hasMessageContaining("line 1, column 4:");
    }

    @Test
    void equal_texts_make_equal_templates() {
        PromptTemplate a = PromptTemplate.of("Q: {q}");
        PromptTemplate b = PromptTemplate.of("Q: " + "{q}");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(PromptTemplate.of("Q:  {q}"));
        assertThat(a.toString()).isEqualTo("Q: {q}");
        assertThat(a.text()).isEqualTo("Q: {q}");
    }

    @Test
    void placeholders_cannot_be_modified() {
        PromptTemplate t = PromptTemplate.of("{a}");

        assertThatThrownBy(() -> t.placeholders().add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_template_renders_many_rows_without_reparsing() {
        PromptTemplate t = PromptTemplate.of("Q{{{i}}}: {q} / {i}");
        for (int i = 0; i < 10_000; i++) {
            String s = Integer.toString(i);
            assertThat(t.render(Map.of("i", s, "q", "x"))).isEqualTo("Q{" + s + "}: x / " + s);
        }
    }
}
