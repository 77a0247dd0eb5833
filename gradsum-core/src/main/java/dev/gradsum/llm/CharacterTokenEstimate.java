package dev.gradsum.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;

/**
 * The stated estimate of tokens where no tokenizer fits the model: one token per {@value #CHARS_PER_TOKEN}
 * characters, rounded up, plus {@value #TOKENS_PER_MESSAGE} per message for the chat format (OpenAI's rule
 * of thumb for English text). Used for an answer without token usage when the model brings no
 * {@link TokenCountEstimator} of its own; the counts are marked estimated ({@link dev.gradsum.model.Usage#tokensEstimated()}).
 */
public final class CharacterTokenEstimate implements TokenCountEstimator {
    /** The one instance. */
    public static final CharacterTokenEstimate INSTANCE = new CharacterTokenEstimate();
    static final int CHARS_PER_TOKEN = 4;
    static final int TOKENS_PER_MESSAGE = 4;

    private CharacterTokenEstimate() {
    }

    @Override
    public int estimateTokenCountInText(String text) {
        return text == null ? 0 : (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        return TOKENS_PER_MESSAGE + estimateTokenCountInText(textOf(message));
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        int total = 0;
        for (ChatMessage m : messages) {
            total += estimateTokenCountInMessage(m);
        }
        return total;
    }

    /** The text of a system, user or AI message (empty for any other). */
    public static String textOf(ChatMessage message) {
        if (message instanceof SystemMessage s) {
            return s.text();
        }
        if (message instanceof UserMessage u && u.hasSingleText()) {
            return u.singleText();
        }
        if (message instanceof AiMessage a && a.text() != null) {
            return a.text();
        }
        return "";
    }
}
