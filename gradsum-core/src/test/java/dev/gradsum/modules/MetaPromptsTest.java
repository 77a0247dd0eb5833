package dev.gradsum.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.prompts.MetaPrompts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaPromptsTest {
    @Test
    void every_default_file_loads_and_uses_exactly_the_placeholders_its_module_fills() {
        MetaPrompts prompts = MetaPrompts.defaults();
        assertThat(prompts.names()).containsExactlyInAnyOrderElementsOf(MetaPromptAssertions.readmeTags().keySet());
        for (String name : prompts.names()) {
            assertThat(prompts.get(name).placeholders()).as(name)
                    .containsExactlyInAnyOrderElementsOf(MetaPrompts.PLACEHOLDERS.get(name));
        }
    }

    @Test
    void every_default_file_opens_with_a_glossary_of_the_tags_the_model_will_see() {
        MetaPrompts prompts = MetaPrompts.defaults();
        for (Map.Entry<String, Set<String>> row : MetaPromptAssertions.readmeTags().entrySet()) {
            String text = prompts.get(row.getKey()).text();
            int dataStart = text.indexOf("\n<"); // the first line that opens a tagged section
            for (String tag : row.getValue()) {
                assertThat(text.indexOf("- " + tag)).as("%s explains %s before the data", row.getKey(), tag)
                        .isBetween(0, dataStart);
            }
        }
    }

    @Test
    void json_answer_formats_render_with_single_braces() {
        String editor = MetaPrompts.defaults().get(MetaPrompts.PROMPT_EDITOR_REPAIR).render(Map.of(
                "task", "t", "prompt", "p", "candidate", "c", "problem", "x", "placeholders", "{question}"));
        assertThat(editor).contains("{\"prompts\": [\"<the repaired prompt>\"]}").contains("{{ for {");
    }

    @Test
    void the_defaults_are_loaded_once() {
        assertThat(MetaPrompts.defaults()).isSameAs(MetaPrompts.defaults());
    }

    @Test
    void an_unknown_name_is_rejected_with_the_known_names() {
        assertThatThrownBy(() -> MetaPrompts.defaults().get("summarizer"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'summarizer'")
                .hasMessageContaining("gradient_summarizer");
    }

    @Test
    void a_directory_overrides_the_files_it_has_and_the_rest_fall_back(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gradient_summarizer.md"), "Summarise {gradients} for {task}.");
        Files.writeString(dir.resolve("README.md"), "notes {not a template");
        MetaPrompts prompts = MetaPrompts.fromDirectory(dir);
        assertThat(prompts.get(MetaPrompts.GRADIENT_SUMMARIZER)).isEqualTo(PromptTemplate.of("Summarise {gradients} for {task}."));
        assertThat(prompts.get(MetaPrompts.EVALUATOR)).isEqualTo(MetaPrompts.defaults().get(MetaPrompts.EVALUATOR));
    }

    @Test
    void an_override_using_a_placeholder_its_module_does_not_fill_names_the_file(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("evaluator.md"), "Rate {output} by {rubric}.");
        assertThatThrownBy(() -> MetaPrompts.fromDirectory(dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("evaluator.md")
                .hasMessageContaining("unknown placeholder {rubric}");
    }

    @Test
    void an_override_with_a_misspelt_name_or_bad_braces_is_a_configuration_error(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("evaluater.md"), "x");
        assertThatThrownBy(() -> MetaPrompts.fromDirectory(dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("evaluater.md: not a meta-prompt name");
        Files.delete(dir.resolve("evaluater.md"));
        Files.writeString(dir.resolve("evaluator.md"), "Answer {\"score\": 1}");
        assertThatThrownBy(() -> MetaPrompts.fromDirectory(dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("evaluator.md");
    }
}
