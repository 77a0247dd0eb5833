package dev.gradsum.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gradsum.exception.ConfigurationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldExpressionTest {
    private static Dataset rows(Map<String, String> fields) {
        return Dataset.of("rows", List.of(new Example("r1", fields)));
    }

    private static String mapped(Map<String, String> fields, String column) {
        return rows(fields).mapFields(Map.of("x", column)).examples().get(0).get("x");
    }

    @Test
    void list_element_is_picked_by_index() {
        assertThat(mapped(Map.of("turns", "[\"first turn\",\"second\"]"), "turns[0]")).isEqualTo("first turn");
    }

    @Test
    void lettered_form_writes_one_lettered_line_per_choice() {
        assertThat(mapped(Map.of("choices", "[\"red\",\"blue\",\"3\"]"), "choices | lettered"))
                .isEqualTo("A. red\nB. blue\nC. 3");
    }

    @Test
    void numbered_and_lines_forms_write_one_element_per_line() {
        Map<String, String> row = Map.of("endings", "[\"a\",\"b\"]");
        assertThat(mapped(row, "endings|numbered")).isEqualTo("1. a\n2. b");
        assertThat(mapped(row, "endings | lines")).isEqualTo("a\nb");
    }

    @Test
    void column_layout_object_becomes_records_of_title_and_joined_sentences() {
        String context = "{\"title\":[\"Paris\",\"Rome\"],\"sentences\":[[\"Paris is big.\",\" It is old.\"],[\"Rome\",\"too.\"]]}";
        assertThat(mapped(Map.of("context", context), "context | paragraphs"))
                .isEqualTo("Paris: Paris is big. It is old.\n\nRome: Rome too.");
    }

    @Test
    void object_member_is_picked_by_name() {
        assertThat(mapped(Map.of("meta", "{\"a\":{\"b\":\"deep\"}}"), "meta.a.b")).isEqualTo("deep");
    }

    @Test
    void a_column_really_named_like_an_expression_is_taken_as_it_is() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("a.b", "plain");
        assertThat(mapped(row, "a.b")).isEqualTo("plain");
    }

    @Test
    void missing_element_names_the_expression_and_the_row() {
        assertThatThrownBy(() -> mapped(Map.of("turns", "[\"only\"]"), "turns[3]"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("turns[3]").hasMessageContaining("row r1 has no value there");
    }

    @Test
    void unknown_form_is_refused_with_the_known_forms() {
        assertThatThrownBy(() -> mapped(Map.of("c", "[]"), "c | bullets"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown form \"bullets\"").hasMessageContaining("lettered");
    }

    @Test
    void malformed_step_says_how_to_write_steps() {
        assertThatThrownBy(() -> mapped(Map.of("c", "[]"), "c[x]"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("write steps as [0] or .name");
    }

    @Test
    void shared_mmlu_sample_renders_its_choices_as_lettered_lines() {
        Path mmlu = SharedDatasets.find("mmlu/mmlu.sample.jsonl");
        assumeThat(mmlu).as("shared MMLU sample").isNotNull();
        Example row = Dataset.fromJsonl(mmlu).mapFields(Map.of("options", "choices | lettered")).examples().get(0);
        assertThat(row.get("options").split("\n")).hasSize(4);
        assertThat(row.get("options")).startsWith("A. ").contains("\nD. ");
    }
}
