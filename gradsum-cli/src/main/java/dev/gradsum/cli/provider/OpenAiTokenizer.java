package dev.gradsum.cli.provider;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.gradsum.llm.CharacterTokenEstimate;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OpenAI's own tokenizers (jtokkit): {@code o200k_base} for the gpt-4o, gpt-4.1, gpt-5 and o-series
 * families, {@code cl100k_base} for gpt-4 and gpt-3.5. Counts the tokens of an answer that came without
 * usage; messages add {@value #TOKENS_PER_MESSAGE} tokens each for the chat format. Other models (Llama,
 * Qwen, ... behind local servers) have no fitting tokenizer here and get {@link CharacterTokenEstimate}.
 */
final class OpenAiTokenizer implements TokenCountEstimator {
    static final int TOKENS_PER_MESSAGE = 3;
    private static final Pattern O200K = Pattern.compile("(gpt-4o|gpt-4\\.1|gpt-5|o1|o3|o4|chatgpt-4o)(-.*)?");
    private static final Pattern CL100K = Pattern.compile("(gpt-4|gpt-3\\.5-turbo)(-.*)?");
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final Encoding encoding;

    private OpenAiTokenizer(Encoding encoding) {
        this.encoding = encoding;
    }

    /** OpenAI's tokenizer for {@code model} ({@code openai/gpt-4o-mini} counts as gpt-4o-mini), if it has one. */
    static Optional<OpenAiTokenizer> forModel(String model) {
        String name = model.trim().toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        if (O200K.matcher(name).matches()) {
            return Optional.of(new OpenAiTokenizer(REGISTRY.getEncoding(EncodingType.O200K_BASE)));
        }
        if (CL100K.matcher(name).matches()) {
            return Optional.of(new OpenAiTokenizer(REGISTRY.getEncoding(EncodingType.CL100K_BASE)));
        }
        return Optional.empty();
    }

    /** The token counter for a model: its OpenAI tokenizer, else the stated character estimate. */
    static TokenCountEstimator counting(String model) {
        return forModel(model).<TokenCountEstimator>map(t -> t).orElse(CharacterTokenEstimate.INSTANCE);
    }

    /** The encoding's name, e.g. {@code o200k_base}. */
    String encodingName() {
        return encoding.getName();
    }

    @Override
    public int estimateTokenCountInText(String text) {
        return text == null ? 0 : encoding.countTokensOrdinary(text);
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        return TOKENS_PER_MESSAGE + estimateTokenCountInText(CharacterTokenEstimate.textOf(message));
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        int total = 3; // every reply is primed with <|start|>assistant<|message|>
        for (ChatMessage m : messages) {
            total += estimateTokenCountInMessage(m);
        }
        return total;
    }
}
