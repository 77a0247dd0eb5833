package dev.gradsum.modules;

import static dev.gradsum.modules.MetaPromptAssertions.llm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.PromptTemplate;
import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.UnusableReplies;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.gradsum.testing.ScriptedChatModel.Answer;
import dev.gradsum.testing.ScriptedChatModel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Editor answers as real models give them (see /work/shared/provider-behaviour.md): a numbered list
 * where a JSON list was asked for (SillyTavern/Extension-Objective#5), prompts between rule lines,
 * loose JSON (manhhailua/lorekeep#192), draft prompts inside {@code <think>} (DeepSeek-R1#23), and JSON
 * cut at the token limit with {@code finish_reason: "length"} (agent0ai/agent-zero#1836).
 */
class EditorAnswersTest {
    private final Task task = Task.builder().description("Answer questions.")
            .prompt("Answer {question}.").criteria(Criteria.binary("Correct.")).build();

    private Edit edit(ScriptedChatModel model) {
        return new PromptEditor(llm(Role.EDITOR, model), MetaPrompts.defaults()).edit(task, task.prompt(), "Be brief.", 3);
    }

    private static List<String> texts(Edit edit) {
        return edit.candidates().stream().map(PromptTemplate::text).toList();
    }

    @Test
    void a_numbered_list_yields_its_prompts() {
        ScriptedChatModel model = ScriptedChatModel.answering("Here are three new prompts:\n\n"
                + "1. Answer {question} in one word.\n2) \"Read {question}, then answer it briefly.\"\n"
                + "3. **Think** about {question}.\nThen answer it.\n");
        assertThat(texts(edit(model))).containsExactly("Answer {question} in one word.",
                "Read {question}, then answer it briefly.", "**Think** about {question}.\nThen answer it.");
        assertThat(model.callCount()).as("no retry was needed").isEqualTo(1);
    }

    @Test
    void prompts_separated_by_rule_lines_yield_the_prompts() {
        ScriptedChatModel model = ScriptedChatModel.answering("New prompts:\n---\nAnswer {question} in one word.\n"
                + "---\nSteps:\n1. Read {question}.\n2. Answer it.\n---\n");
        assertThat(texts(edit(model))).containsExactly("Answer {question} in one word.", "Steps:\n1. Read {question}.\n2. Answer it.");
    }

    @Test
    void loose_json_after_a_think_block_with_drafts_gives_the_final_prompts_only() {
        ScriptedChatModel model = ScriptedChatModel.answering("<think>Draft: {\"prompts\": [\"Draft on {question}.\"]}</think>\n"
                + "{'prompts': ['Answer {question} briefly.', 'Answer {question} in one word.',],}");
        assertThat(texts(edit(model))).containsExactly("Answer {question} briefly.", "Answer {question} in one word.");
    }

    @Test
    void a_cut_answer_keeps_its_complete_prompts_and_is_counted() {
        UnusableReplies tally = new UnusableReplies();
        CallPath path = CallPath.builder().retryPolicy(RetryPolicy.none()).listener(tally).build();
        ScriptedChatModel model = ScriptedChatModel.responding("editor",
                c -> Answer.cut("{\"prompts\": [\"Answer {question} briefly.\", \"Answer {question} in one wo")).maxTokens(40);
        Edit edit = new PromptEditor(path.llm(Role.EDITOR, model), MetaPrompts.defaults()).edit(task, task.prompt(), "Be brief.", 3);

        assertThat(texts(edit)).containsExactly("Answer {question} briefly.");
        assertThat(model.callCount()).as("not asked again with the same limit").isEqualTo(1);
        assertThat(tally.lines()).containsExactly("1 editor answer cut at max tokens 40: raise the editor model's max tokens");
    }

    @Test
    void a_cut_answer_without_a_complete_prompt_gives_no_candidates_and_says_so() {
        ScriptedChatModel model = ScriptedChatModel.responding("editor", c -> Answer.cut("{\"prompts\": [\"Answer {quest"));
        Edit edit = edit(model);
        assertThat(edit.candidates()).isEmpty();
        assertThat(edit.dropped()).singleElement().asString().startsWith("no candidates: editor call failed:")
                .contains("cut at the output-token limit");
    }

    @Test
    void an_unusable_answer_is_not_replayed_from_the_cache_on_a_rerun() {
        CallPath path = CallPath.builder().retryPolicy(RetryPolicy.none()).build();
        AtomicInteger calls = new AtomicInteger();
        ScriptedChatModel model = new ScriptedChatModel("editor",
                c -> calls.incrementAndGet() <= 2 ? "I would make it shorter." : "{\"prompts\": [\"Answer {question} briefly.\"]}");
        PromptEditor editor = new PromptEditor(path.llm(Role.EDITOR, model), MetaPrompts.defaults());

        Edit first = editor.edit(task, task.prompt(), "Be brief.", 1);
        assertThat(first.candidates()).isEmpty();
        assertThat(first.dropped()).singleElement().asString().contains("unusable twice");

        Edit again = editor.edit(task, task.prompt(), "Be brief.", 1);
        assertThat(texts(again)).containsExactly("Answer {question} briefly.");
        assertThat(model.callCount()).as("the same request was sent again, not answered from the cache").isEqualTo(3);
    }
}
