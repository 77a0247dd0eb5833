package com.example.prompts;

import dev.gradsum.data.Dataset;
import dev.gradsum.junit.GradSumTest;
import dev.gradsum.junit.PromptEvaluator;
import dev.gradsum.task.Criteria;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build fails when prompts/capital.txt gets worse. The answers are replayed from the committed
 * recording (no key, no network); README.md says how to record them again.
 */
// readme-snippet:start
@GradSumTest(recording = "src/test/resources/gradsum/answers.jsonl")
class CapitalPromptTest {
    // Replaying calls no model: its provider, name and settings only pick the recorded answers.
    static final ChatModel MODEL = OpenAiChatModel.builder()
            .baseUrl(System.getenv().getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"))
            .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "not-needed-to-replay"))
            .modelName("gpt-4o-mini")
            .temperature(0.0)
            .build();

    @Test
    void the_capital_prompt_is_good_enough_and_no_worse_than_before(PromptEvaluator gradsum) {
        gradsum.assertThatPrompt(Path.of("prompts/capital.txt"))
                .on(Dataset.load(Path.of("src/test/resources/capitals.jsonl")))
                .judgedBy(Criteria.binary("The answer is correct when it names <EXPECTED ANSWER> as the capital.")
                        .expecting("capital"))
                .answeredBy(MODEL)
                .scoresAtLeast(0.8)
                .isNotWorseThan(Path.of("prompts/capital-baseline.txt"));
    }
}
// readme-snippet:end
