package dev.gradsum.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gradsum.exception.ConfigurationException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    // ---- JSON Lines

    @Test
    void jsonl_rows_become_examples_with_text_fields_in_file_order() throws IOException {
        Dataset ds = Dataset.load(write("data.jsonl",
                "{\"id\": \"q1\", \"question\": \"2+2?\", \"answer\": 4, \"ok\": true, \"price\": 1.50}\n"
                        + "{\"id\": \"q2\", \"question\": \"list\", \"answer\": [1, \"a\", {\"b\": null}], \"meta\": {\"x\": 1}}\n"));

        assertThat(ds.size()).isEqualTo(2);
        Example first = ds.examples().get(0);
        assertThat(first.id()).isEqualTo("q1");
        assertThat(first.fields()).containsExactly(
                Map.entry("id", "q1"), Map.entry("question", "2+2?"), Map.entry("answer", "4"),
                Map.entry("ok", "true"), Map.entry("price", "1.50"));
        Example second = ds.examples().get(1);
        assertThat(second.get("answer")).isEqualTo("[1,\"a\",{\"b\":null}]");
        assertThat(second.get("meta")).isEqualTo("{\"x\":1}");
        assertThat(ds.fields()).containsExactly("id", "question", "answer", "ok", "price");
        assertThat(ds.name()).endsWith("data.jsonl");
    }

    @Test
    void rows_without_an_id_field_are_numbered_from_one_skipping_blank_lines() throws IOException {
        Dataset ds = Dataset.load(write("data.ndjson", "{\"q\": \"a\"}\n\n   \n{\"q\": \"b\"}\r\n{\"q\": \"c\"}"));

        assertThat(ds.examples()).extracting(Example::id).containsExactly("1", "2", "3");
        assertThat(ds.examples()).extracting(e -> e.get("q")).containsExactly("a", "b", "c");
    }

    @Test
    void numeric_ids_are_kept_as_their_text() throws IOException {
        Dataset ds = Dataset.load(write("d.jsonl", "{\"id\": 17, \"q\": \"a\"}\n{\"id\": 3, \"q\": \"b\"}\n"));

        assertThat(ds.examples()).extracting(Example::id).containsExactly("17", "3");
    }

    @Test
    void null_values_leave_the_field_out() throws IOException {
        Dataset ds = Dataset.load(write("d.jsonl", "{\"q\": \"a\", \"context\": null}\n"));

        assertThat(ds.examples().get(0).fields()).containsOnlyKeys("q");
    }

    @Test
    void chinese_text_round_trips_and_a_byte_order_mark_is_ignored() throws IOException {
        String text = "\uFEFF{\"id\": \"中1\", \"问题\": \"天空为什么是蓝色的？\", \"答案\": \"瑞利散射 🌈\"}\n";
        Dataset ds = Dataset.load(write("zh.jsonl", text));

        Example row = ds.examples().get(0);
        assertThat(row.id()).isEqualTo("中1");
        assertThat(row.fields()).containsEntry("问题", "天空为什么是蓝色的？").containsEntry("答案", "瑞利散射 🌈");
        assertThat(ds.fields()).containsExactly("id", "问题", "答案");
    }

    @Test
    void a_bad_jsonl_line_is_reported_as_file_line_and_what_is_wrong() throws IOException {
        Path file = write("data.jsonl", "{\"q\": 1}\n\n{\"q\": x}\n");

        assertThatThrownBy(() -> Dataset.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(file + ":3: not a JSON object: Unrecognized token 'x' at column 7");
    }

    @Test
    void the_file_name_is_shown_as_the_user_gave_it() throws IOException {
        write("data.jsonl", "oops\n");
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("data.jsonl"));

        assertThatThrownBy(() -> Dataset.load(relative))
                .hasMessageStartingWith(relative + ":1: not a JSON object");
    }

    @Test
    void a_jsonl_line_holding_an_array_or_a_string_is_not_an_object() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("a.jsonl", "{\"q\": 1}\n[1, 2]\n")))
                .hasMessageEndingWith("a.jsonl:2: not a JSON object: found an array; write one {...} object per line");
        assertThatThrownBy(() -> Dataset.load(write("b.jsonl", "\"text\"\n")))
                .hasMessageContaining("b.jsonl:1: not a JSON object: found a string");
    }

    @Test
    void a_truncated_jsonl_line_and_two_objects_on_one_line_are_errors() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("t.jsonl", "{\"q\": \"a\"\n")))
                .hasMessageContaining("t.jsonl:1: not a JSON object: Unexpected end-of-input");
        assertThatThrownBy(() -> Dataset.load(write("two.jsonl", "{\"q\": 1} {\"q\": 2}\n")))
                .hasMessageContaining("two.jsonl:1: more than one JSON value on the line");
    }

    @Test
    void a_field_repeated_within_a_row_is_an_error() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("dup.jsonl", "{\"q\": 1, \"q\": 2}\n")))
                .hasMessageContaining("dup.jsonl:1: not a JSON object: Duplicate field 'q'");
    }

    @Test
    void duplicate_ids_are_an_error_naming_both_lines() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("ids.jsonl",
                "{\"id\": \"a\"}\n{\"id\": \"b\"}\n\n{\"id\": \"a\"}\n")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("ids.jsonl:4: duplicate id \"a\" (also on line 1)");
    }

    @Test
    void an_empty_id_is_an_error() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("e.jsonl", "{\"id\": \" \", \"q\": 1}\n")))
                .hasMessageContaining("e.jsonl:1: field \"id\" is empty");
    }

    @Test
    void an_empty_or_blank_file_has_no_rows() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("data.jsonl", "")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("data.jsonl: no rows");
        assertThatThrownBy(() -> Dataset.load(write("blank.jsonl", "\n  \n\n")))
                .hasMessageEndingWith("blank.jsonl: no rows");
        assertThatThrownBy(() -> Dataset.load(write("empty.csv", "")))
                .hasMessageEndingWith("empty.csv: no rows");
        assertThatThrownBy(() -> Dataset.load(write("header.csv", "q,a\n")))
                .hasMessageEndingWith("header.csv: no rows");
        assertThatThrownBy(() -> Dataset.load(write("empty.json", "[]")))
                .hasMessageEndingWith("empty.json: no rows");
        assertThatThrownBy(() -> Dataset.load(write("nothing.json", "  ")))
                .hasMessageEndingWith("nothing.json: no rows");
    }

    @Test
    void a_missing_file_is_reported_by_name() {
        Path missing = Path.of("no-such-dir", "data.jsonl");

        assertThatThrownBy(() -> Dataset.load(missing))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(missing + ": file not found");
    }

    @Test
    void a_directory_is_not_a_data_file() throws IOException {
        Files.createDirectory(dir.resolve("folder.jsonl"));

        assertThatThrownBy(() -> Dataset.load(dir.resolve("folder.jsonl")))
                .hasMessageEndingWith("folder.jsonl: is a directory, not a data file");
    }

    @Test
    void an_unknown_extension_lists_the_formats() {
        assertThatThrownBy(() -> Dataset.load(Path.of("data.txt")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("data.txt: unknown extension \".txt\"; data files are .jsonl or .ndjson (JSON Lines), "
                        + ".csv (with a header row) or .json (an array of objects)");
        assertThatThrownBy(() -> Dataset.load(Path.of("data")))
                .hasMessageStartingWith("data: no extension;");
    }

    @Test
    void extensions_are_matched_ignoring_case() throws IOException {
        assertThat(Dataset.load(write("UPPER.JSONL", "{\"q\": 1}\n")).size()).isEqualTo(1);
    }

    @Test
    void invalid_utf8_is_reported_with_its_line() throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        Files.write(file, new byte[] {'{', '"', 'q', '"', ':', '"', 'a', '"', '}', '\n',
                '{', '"', 'q', '"', ':', '"', (byte) 0xE9, '"', '}', '\n',
                '{', '"', 'q', '"', ':', '"', 'b', '"', '}', '\n'});

        assertThatThrownBy(() -> Dataset.load(file))
                .hasMessageContaining("latin1.jsonl:2: not valid UTF-8 text");
    }

    // ---- CSV

    @Test
    void csv_with_a_header_row_becomes_examples() throws IOException {
        Dataset ds = Dataset.load(write("data.csv",
                "id, question,answer\nr1,\"Is 1,000 > 999?\",yes\nr2,\"She said \"\"hi\"\"\nthen left\",no\n\n"));

        assertThat(ds.fields()).containsExactly("id", "question", "answer");
        assertThat(ds.examples()).extracting(Example::id).containsExactly("r1", "r2");
        assertThat(ds.examples().get(0).get("question")).isEqualTo("Is 1,000 > 999?");
        assertThat(ds.examples().get(1).get("question")).isEqualTo("She said \"hi\"\nthen left");
    }

    @Test
    void csv_chinese_text_with_byte_order_mark_round_trips() throws IOException {
        Dataset ds = Dataset.fromCsv(write("zh.csv", "\uFEFF问题,答案\n天空为什么是蓝色的？,瑞利散射\n"));

        assertThat(ds.fields()).containsExactly("问题", "答案");
        assertThat(ds.examples().get(0).get("答案")).isEqualTo("瑞利散射");
        assertThat(ds.examples().get(0).id()).isEqualTo("1");
    }

    @Test
    void csv_row_with_the_wrong_number_of_columns_names_its_line() throws IOException {
        Path file = write("data.csv", "question,answer\n\"multi\nline\",1\n\nonly-one\n");

        assertThatThrownBy(() -> Dataset.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("data.csv:5: wrong number of columns: expected 2 (question, answer), "
                        + "found 1; quote values that contain commas");
        assertThatThrownBy(() -> Dataset.load(write("more.csv", "q,a\n1,2\n1,2,3\n")))
                .hasMessageContaining("more.csv:3: wrong number of columns: expected 2 (q, a), found 3");
    }

    @Test
    void csv_header_must_name_each_column_once() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("h.csv", "q,,a\n1,2,3\n")))
                .hasMessageContaining("h.csv:1: header column 2 has no name");
        assertThatThrownBy(() -> Dataset.load(write("d.csv", "q,a,q\n1,2,3\n")))
                .hasMessageContaining("d.csv:1: header names column \"q\" twice");
    }

    @Test
    void csv_duplicate_ids_are_an_error() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("ids.csv", "id,q\n7,a\n7,b\n")))
                .hasMessageEndingWith("ids.csv:3: duplicate id \"7\" (also on line 2)");
    }

    // ---- JSON array

    @Test
    void json_array_of_objects_becomes_examples() throws IOException {
        Dataset ds = Dataset.fromJsonArray(write("data.json",
                "[\n  {\"question\": \"a\", \"n\": 1},\n  {\"question\": \"b\", \"tags\": [\"x\"]}\n]\n"));

        assertThat(ds.examples()).extracting(Example::id).containsExactly("1", "2");
        assertThat(ds.examples().get(1).get("tags")).isEqualTo("[\"x\"]");
    }

    @Test
    void json_array_element_that_is_not_an_object_is_reported_with_its_line_and_position() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("data.json", "[\n {\"q\": 1},\n \"oops\"\n]")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("data.json:3: element 2 is not an object: found a string");
    }

    @Test
    void json_file_that_is_not_an_array_suggests_jsonl_for_objects() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("obj.json", "{\"q\": 1}\n{\"q\": 2}\n")))
                .hasMessageEndingWith("obj.json:1: not a JSON array of objects: found an object; "
                        + "for one object per line use .jsonl");
    }

    @Test
    void malformed_json_array_names_the_line() throws IOException {
        assertThatThrownBy(() -> Dataset.load(write("bad.json", "[\n {\"q\": 1},\n {\"q\": }\n]")))
                .hasMessageContaining("bad.json:3: invalid JSON: Unexpected character ('}')");
        assertThatThrownBy(() -> Dataset.load(write("after.json", "[{\"q\": 1}] x")))
                .hasMessageContaining("after.json:1:");
    }

    // ---- built in code, field mapping

    @Test
    void dataset_of_rejects_duplicate_ids() {
        List<Example> rows = List.of(new Example("a", Map.of()), new Example("b", Map.of()), new Example("a", Map.of()));

        assertThatThrownBy(() -> Dataset.of("inline", rows))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("inline: duplicate id \"a\" (rows 1 and 3)");
    }

    @Test
    void dataset_of_keeps_rows_and_cannot_be_changed_afterwards() {
        List<Example> rows = new java.util.ArrayList<>(List.of(new Example("a", Map.of("q", "1"))));
        Dataset ds = Dataset.of("inline", rows);
        rows.clear();

        assertThat(ds.size()).isEqualTo(1);
        assertThat(ds.name()).isEqualTo("inline");
        assertThat(ds.toString()).isEqualTo("Dataset[inline, 1 rows]");
        assertThatThrownBy(() -> ds.examples().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Dataset.of("none", List.of()).fields()).isEmpty();
    }

    @Test
    void map_fields_names_columns_after_the_task_and_keeps_the_other_fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("problem", "2+2?");
        fields.put("solution", "4");
        Dataset ds = Dataset.of("math", List.of(new Example("1", fields)));
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("question", "problem");
        mapping.put("answer", "solution");

        Dataset mapped = ds.mapFields(mapping);

        assertThat(mapped.examples().get(0).fields()).containsExactly(
                Map.entry("question", "2+2?"), Map.entry("answer", "4"),
                Map.entry("problem", "2+2?"), Map.entry("solution", "4"));
        assertThat(mapped.examples().get(0).id()).isEqualTo("1");
        assertThat(PromptTemplate.of("Q: {question}").render(mapped.examples().get(0))).isEqualTo("Q: 2+2?");
    }

    @Test
    void map_fields_names_the_missing_column_and_the_rows_fields() {
        Dataset ds = Dataset.of("data.jsonl", List.of(new Example("r1", Map.of("question", "q"))));

        assertThatThrownBy(() -> ds.mapFields(Map.of("input", "problem")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("data.jsonl: field mapping input -> problem: row r1 has no column \"problem\" "
                        + "(fields: question)");
    }

    // ---- scale and real samples

    @Test
    void loads_100k_jsonl_rows() throws IOException {
        Path file = dir.resolve("big.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 100_000; i++) {
                out.write("{\"id\": \"row-" + i + "\", \"question\": \"What is " + i + " plus " + i
                        + "? 计算一下\", \"answer\": " + (2 * i) + ", \"tags\": [\"math\", \"easy\"]}\n");
            }
        }

        Dataset ds = Dataset.load(file);

        assertThat(ds.size()).isEqualTo(100_000);
        assertThat(ds.examples().get(99_999).get("answer")).isEqualTo("199998");
    }

    @Test
    void loads_the_shared_gsm8k_sample_when_present() {
        Path sample = SharedDatasets.find("gsm8k/gsm8k.sample.jsonl");
        assumeThat(sample).as("shared GSM8K sample").isNotNull();

        Dataset ds = Dataset.load(sample);

        assertThat(ds.size()).isEqualTo(500);
        assertThat(ds.fields()).contains("id", "question", "answer", "final_answer");
        assertThat(ds.examples().get(0).id()).startsWith("gsm8k-");
    }

    @Test
    void loads_the_shared_mmlu_sample_with_choices_as_json_text_when_present() {
        Path sample = SharedDatasets.find("mmlu/mmlu.sample.jsonl");
        assumeThat(sample).as("shared MMLU sample").isNotNull();

        Dataset ds = Dataset.load(sample);

        assertThat(ds.size()).isEqualTo(500);
        assertThat(ds.examples().get(0).get("choices")).startsWith("[\"").endsWith("\"]");
        assertThat(ds.examples().get(0).get("answer_index")).matches("[0-3]");
    }
}
