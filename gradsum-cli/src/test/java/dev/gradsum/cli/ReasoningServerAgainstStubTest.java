package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradsum.cli.ModelServerStub.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code gradsum optimize} against an OpenAI-compatible server that answers as reasoning models and
 * local servers are documented to (sources in /work/shared/provider-behaviour.md): in the stub's world
 * the optimizer still finds the fix, and every answer that is no answer is said, never scored silently.
 */
class ReasoningServerAgainstStubTest extends AgainstStub {

    /** The target also judges (no judge section), so {@code extra} applies to both sections. */
    private CliRunner.Outcome optimize(String extra) {
        Path task = folder.task(TaskFolder.yaml(TaskFolder.openAi(stub.baseUrl(), extra),
                TaskFolder.openAi(stub.baseUrl(), extra), ""));
        return CliRunner.run(OptimizeAgainstStubTest.ENV, "optimize", task.toString(), "--out", dir.resolve("runs").toString());
    }

    private Path runFolder() throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            return runs.findFirst().orElseThrow();
        }
    }

    private static void content(ObjectNode choice, String content) {
        ((ObjectNode) choice.get("message")).put("content", content);
    }

    /**
     * Qwen3 / DeepSeek-R1 behind vLLM without a reasoning parser: reasoning inside {@code content} as
     * {@code <think>…</think>} (deepseek-ai/DeepSeek-R1#23, datawhalechina/self-llm#356), the target's
     * without the opening tag (RooCodeInc/Roo-Code#1087). The think text holds the capital, an opposite
     * draft verdict and a draft prompt: none of it may become an answer, a score or a candidate.
     */
    @Test
    void think_text_in_content_never_becomes_an_answer_a_score_a_prompt_or_a_summary() throws IOException {
        stub.shapeOpenAi(Role.TARGET, (reply, choice) -> content(choice,
                "Okay, the user wants the capital; it is one of " + TaskFolder.CAPITALS.values() + ".\n</think>\n\n" + reply));
        stub.shapeOpenAi(Role.JUDGE, (reply, choice) -> content(choice, "<think>\nDraft: {\"reasoning\": \"draft\", \"score\": "
                + (reply.contains("\"score\": 1") ? 0 : 1) + "}\nLet me check again.\n</think>\n" + reply));
        stub.shapeOpenAi(Role.EDITOR, (reply, choice) -> content(choice,
                "<think>Draft: {\"prompts\": [\"Tell me everything about {country}.\"]}</think>\n" + reply));
        stub.shapeOpenAi(Role.GRADIENT, (reply, choice) -> content(choice, "<think>pondering the failure</think>\n" + reply));
        stub.shapeOpenAi(Role.SUMMARIZER, (reply, choice) -> content(choice, "<think>pondering the summary</think>\n" + reply));

        CliRunner.Outcome r = optimize("");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Validation: initial 0.000, best 1.000").contains("Test (4 rows").contains("best 1.000");
        assertThat(r.out()).doesNotContain("Evaluation errors");
        Path run = runFolder();
        String best = Files.readString(run.resolve("best_prompt.txt"), StandardCharsets.UTF_8);
        assertThat(best).contains(ModelServerStub.FIX).doesNotContain("think").doesNotContain("Draft");
        String result = Files.readString(run.resolve("result.json"), StandardCharsets.UTF_8);
        assertThat(result).contains("bare city name").doesNotContain("pondering").doesNotContain("</think>")
                .doesNotContain("Tell me everything about");
        assertThat(Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8))
                .as("the target's reasoning is kept, collapsed beside the answer")
                .contains("<details class=\"small\"><summary>model reasoning</summary><pre>Okay, the user wants the capital");
    }

    /**
     * Replies that are no answer: an editor reply cut at the token limit with {@code finish_reason:
     * "length"} (agent0ai/agent-zero#1836) whose one complete prompt is kept; a judge reply with empty
     * content and everything in {@code reasoning_content}, cut at the limit (vllm-project/vllm#52640,
     * ollama/ollama#15288), which is an evaluation error, not a wrong answer; an OpenAI refusal,
     * {@code content: null} with a {@code refusal} string (MacPaw/OpenAI#249), which counts as a failed
     * answer. Each is counted and the closing summary says what to change.
     */
    @Test
    void cut_empty_and_refused_replies_are_counted_and_said_and_the_cut_editor_reply_keeps_its_complete_prompt()
            throws IOException {
        AtomicInteger editor = new AtomicInteger();
        stub.shapeOpenAi(Role.EDITOR, (reply, choice) -> {
            if (editor.getAndIncrement() == 0) {
                int cut = reply.indexOf("\",\"") + 2; // after the first complete prompt
                content(choice, reply.substring(0, cut + 12));
                choice.put("finish_reason", "length");
            }
        });
        AtomicInteger judge = new AtomicInteger();
        stub.shapeOpenAi(Role.JUDGE, (reply, choice) -> {
            if (judge.getAndIncrement() == 0) {
                ((ObjectNode) choice.get("message")).put("content", "").put("reasoning_content", "The user asks me to rate");
                choice.put("finish_reason", "length");
            }
        });
        AtomicInteger target = new AtomicInteger();
        stub.shapeOpenAi(Role.TARGET, (reply, choice) -> {
            if (target.getAndIncrement() < 2) {
                ((ObjectNode) choice.get("message")).putNull("content").put("refusal", "I'm sorry, I can't help with that.");
            }
        });

        CliRunner.Outcome r = optimize(", max_tokens: 64");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("best 1.000");
        assertThat(r.out()).contains("1 judge answer cut at max tokens 64: raise the judge model's max tokens"
                + " (task file: models.judge.max_tokens).");
        assertThat(r.out()).contains("1 editor answer cut at max tokens 64: raise the editor model's max tokens"
                + " (task file: models.editor.max_tokens).");
        assertThat(r.out()).contains("2 target answers refused by the model or a content filter: they count as failed answers (score 0).");
        assertThat(r.out()).contains("Evaluation errors: 1 answer(s)");
        String best = Files.readString(runFolder().resolve("best_prompt.txt"), StandardCharsets.UTF_8);
        assertThat(best).contains(ModelServerStub.FIX);
    }

    /**
     * Loose JSON from the judge, single quotes and a trailing comma in a code fence (DeepSeek, Qwen,
     * Llama via Ollama: manhhailua/lorekeep#192, dottxt-ai/outlines#677), and an editor that answers
     * with a numbered list where a JSON list was asked for (SillyTavern/Extension-Objective#5): every
     * verdict is read, the listed prompts are the candidates, and the fix is found.
     */
    @Test
    void loose_json_verdicts_and_a_numbered_list_of_prompts_are_read() throws IOException {
        stub.shapeOpenAi(Role.JUDGE, (reply, choice) -> content(choice,
                "```json\n" + reply.replace('"', '\'').replace("}", ",}") + "\n```"));
        stub.shapeOpenAi(Role.EDITOR, (reply, choice) -> {
            StringBuilder list = new StringBuilder("Here are the new prompts:\n\n");
            int n = 1;
            for (String prompt : reply.substring(reply.indexOf('[') + 2, reply.lastIndexOf(']') - 1).split("\",\"")) {
                list.append(n++).append(". ").append(prompt).append("\n");
            }
            content(choice, list.toString());
        });

        CliRunner.Outcome r = optimize("");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Validation: initial 0.000, best 1.000").doesNotContain("Evaluation errors");
        assertThat(Files.readString(runFolder().resolve("best_prompt.txt"), StandardCharsets.UTF_8))
                .contains(ModelServerStub.FIX).doesNotContain("1. ");
    }
}
