package dev.gradsum.modules;

import static dev.gradsum.modules.MetaPromptAssertions.assertFilledWithAllTags;
import static dev.gradsum.modules.MetaPromptAssertions.llm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptEditorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Task task = Task.builder().description("Answer questions from a context.")
            .prompt("Context: {context}\nQuestion: {question}").criteria(Criteria.binary("Correct.")).build();

    /** Answers editor requests with {@code edit}, repair requests with {@code repair}, retries with {@code retry}. */
    private static ScriptedChatModel editorModel(String edit, String repair, String retry) {
        return new ScriptedChatModel("editor", call -> {
            if (call.user().contains("<request>\n")) {
                return retry;
            }
            return call.user().contains("<candidate>\n") ? repair : edit;
        });
    }

    private static String prompts(String... texts) {
        try {
            return JSON.writeValueAsString(java.util.Map.of("prompts", List.of(texts)));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static PromptEditor editor(ScriptedChatModel model) {
        return new PromptEditor(llm(Role.EDITOR, model), MetaPrompts.defaults());
    }

    private static List<String> texts(Edit edit) {
        return edit.candidates().stream().map(PromptTemplate::text).toList();
    }

    @Test
    void valid_candidates_are_kept_and_the_request_fills_prompt_editor_md_at_temperature_0_7() {
        ScriptedChatModel model = editorModel("Here you go:\n```json\n" + prompts(
                "Read {context} carefully, then answer {question}.",
                "Using only {context}, answer: {question}\nReply as {{\"answer\": ...}}") + "\n```", "", "");
        Edit edit = editor(model).edit(task, task.prompt(), "Tell the model to rely on the context only.", 3);

        assertThat(texts(edit)).containsExactly("Read {context} carefully, then answer {question}.",
                "Using only {context}, answer: {question}\nReply as {{\"answer\": ...}}");
        assertThat(edit.dropped()).isEmpty();
        assertThat(model.callCount()).isEqualTo(1);
        ScriptedChatModel.Call call = model.calls().get(0);
        assertThat(call.temperature()).isEqualTo(0.7);
        assertFilledWithAllTags(call.user(), MetaPrompts.PROMPT_EDITOR);
        assertThat(call.user()).contains("<placeholders>\n{context}, {question}\n</placeholders>")
                .contains("<count>\n3\n</count>")
                .contains("<summary>\nTell the model to rely on the context only.\n</summary>")
                .contains("<prompt>\nContext: {context}\nQuestion: {question}\n</prompt>");
    }

    @Test
    void candidate_losing_a_placeholder_is_repaired_once_then_dropped() {
        ScriptedChatModel model = editorModel(prompts("Use {context} to answer the question.", "Answer {question} from {context}."),
                prompts("Use {context}, and answer the question well."), "");
        Edit edit = editor(model).edit(task, task.prompt(), "summary", 2);

        assertThat(texts(edit)).containsExactly("Answer {question} from {context}.");
        assertThat(edit.dropped()).containsExactly("candidate 1 dropped: lost placeholder {question}");
        assertThat(model.callCount()).isEqualTo(2);
        String repair = model.calls().get(1).user();
        assertFilledWithAllTags(repair, MetaPrompts.PROMPT_EDITOR_REPAIR);
        assertThat(repair).contains("<problem>\nlost placeholder {question}\n</problem>")
                .contains("<candidate>\nUse {context} to answer the question.\n</candidate>");
    }

    @Test
    void candidate_inventing_a_placeholder_is_repaired_once_then_dropped() {
        ScriptedChatModel model = editorModel(prompts("Given {context} and {foo}, answer {question}."),
                prompts("Given {context} and {foo}, answer {question} now."), "");
        Edit edit = editor(model).edit(task, task.prompt(), "summary", 1);

        assertThat(edit.candidates()).isEmpty();
        assertThat(edit.dropped()).containsExactly("candidate 1 dropped: invented placeholder {foo}");
        assertThat(model.calls().get(1).user()).contains("<problem>\ninvented placeholder {foo}\n</problem>");
    }

    @Test
    void a_repaired_candidate_is_kept() {
        ScriptedChatModel model = editorModel(prompts("Answer the question."),
                prompts("Context: {context}\nAnswer {question} using the context only."), "");
        Edit edit = editor(model).edit(task, task.prompt(), "summary", 1);

        assertThat(texts(edit)).containsExactly("Context: {context}\nAnswer {question} using the context only.");
        assertThat(edit.dropped()).isEmpty();
    }

    @Test
    void a_chinese_prompt_whose_candidate_comes_back_in_english_is_repaired_then_dropped_while_a_chinese_candidate_is_kept() {
        Task chinese = Task.builder().description("根据上下文回答问题。").prompt("上下文：{context}\n问题：{question}\n请回答。")
                .criteria(Criteria.binary("正确。")).build();
        ScriptedChatModel model = editorModel(
                prompts("Context: {context}\nQuestion: {question}\nAnswer using only the context.",
                        "上下文：{context}\n问题：{question}\n请只根据上下文回答，并给出简短答案。"),
                prompts("Context: {context}\nQuestion: {question}\nPlease answer briefly."), "");
        Edit edit = editor(model).edit(chinese, chinese.prompt(), "Rely on the context.", 2);

        assertThat(texts(edit)).containsExactly("上下文：{context}\n问题：{question}\n请只根据上下文回答，并给出简短答案。");
        assertThat(edit.dropped()).singleElement().asString()
                .startsWith("candidate 1 dropped: changed language:")
                .contains("Chinese/Japanese/Korean");
        assertThat(model.calls().get(1).user()).contains("<problem>\nchanged language:");
    }

    @Test
    void malformed_braces_duplicates_and_copies_of_the_parent_are_each_named() {
        ScriptedChatModel model = editorModel(prompts(
                        "Context: {context}\nQuestion: {question}",
                        "Answer {question} from {context}. Format: {\"a\": 1}",
                        "Answer {question} from {context}.",
                        "Answer {question} from {context}."),
                prompts("Context: {context}\nQuestion: {question}"), "");
        Edit edit = editor(model).edit(task, task.prompt(), "summary", 4);

        assertThat(texts(edit)).containsExactly("Answer {question} from {context}.");
        assertThat(edit.dropped()).hasSize(3);
        assertThat(edit.dropped().get(0)).isEqualTo("candidate 1 dropped: identical to the original prompt");
        assertThat(edit.dropped().get(1)).startsWith("candidate 2 dropped: identical to the original prompt");
        assertThat(model.calls().get(2).user()).contains("<problem>\nmalformed braces:");
        assertThat(edit.dropped().get(2)).isEqualTo("candidate 4 dropped: identical to the original prompt");
        assertThat(model.calls().get(3).user()).contains("<problem>\nduplicate of candidate 3\n</problem>");
    }

    @Test
    void an_unparseable_answer_is_asked_again_once_then_the_edit_is_empty_and_says_why() {
        ScriptedChatModel model = editorModel("Sure! Here are some prompts: 1. Answer well.", "", "I cannot.");
        Edit edit = editor(model).edit(task, task.prompt(), "summary", 3);

        assertThat(edit.candidates()).isEmpty();
        assertThat(edit.dropped()).containsExactly("no candidates: editor answer unusable twice: the answer holds no valid JSON object");
        assertThat(model.callCount()).isEqualTo(2);
        assertFilledWithAllTags(model.calls().get(1).user(), MetaPrompts.ANSWER_RETRY);
    }

    @Test
    void a_retried_answer_that_parses_gives_candidates() {
        ScriptedChatModel model = editorModel("{\"prompts\": \"not a list\"}", "", prompts("Answer {question} using {context}."));
        Edit edit = editor(model).edit(task, task.prompt(), "summary", 1);

        assertThat(texts(edit)).containsExactly("Answer {question} using {context}.");
        assertThat(model.calls().get(1).user()).contains("\"prompts\" is not a list of strings");
    }

    @Test
    void extra_candidates_beyond_k_are_ignored() {
        ScriptedChatModel model = editorModel(prompts("A {question} {context}", "B {question} {context}", "C {question} {context}"), "", "");
        assertThat(texts(editor(model).edit(task, task.prompt(), "summary", 2)))
                .containsExactly("A {question} {context}", "B {question} {context}");
    }

    @Test
    void the_ablation_edits_from_raw_gradients_with_its_own_meta_prompt() {
        ScriptedChatModel model = editorModel(prompts("Quote {context} before answering {question}."), "", "");
        Edit edit = editor(model).editFromGradients(task, task.prompt(),
                List.of(new Gradient("1", "Cite the context."), new Gradient("2", "Be short.")), 1);

        assertThat(texts(edit)).containsExactly("Quote {context} before answering {question}.");
        String request = model.calls().get(0).user();
        assertFilledWithAllTags(request, MetaPrompts.PROMPT_EDITOR_RAW_GRADIENTS);
        assertThat(request).contains("<gradient>\nCite the context.\n</gradient>\n<gradient>\nBe short.\n</gradient>")
                .doesNotContain("<summary>");
    }

    @Test
    void the_temperature_is_configurable() {
        ScriptedChatModel model = editorModel(prompts("Answer {question} using {context}."), "", "");
        new PromptEditor(llm(Role.EDITOR, model), MetaPrompts.defaults(), 0.2).edit(task, task.prompt(), "s", 1);
        assertThat(model.calls().get(0).temperature()).isEqualTo(0.2);
    }
}
