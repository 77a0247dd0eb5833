package dev.gradsum.cli.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.Llm;
import dev.gradsum.llm.LlmReply;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.langchain4j.model.chat.ChatModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every provider's models must do, run through each provider's local wire-format stub (style.md §11):
 * {@link OpenAiChatCompletionsConformanceTest}, {@link AnthropicMessagesConformanceTest},
 * {@link GeminiGenerateContentConformanceTest}, {@link LocalOpenAiServerConformanceTest}. Models are built as
 * the command line builds them ({@link ChatModels}) and called through gradsum's call path. A subclass adds
 * what only its provider does; answer-side behaviours (thinking, truncation, refusals) extend the stubs'
 * {@link WireStub#answer} and {@link WireStub#respond}.
 */
abstract class ProviderContract {
    protected WireStub stub;
    protected final List<String> notices = Collections.synchronizedList(new ArrayList<>());
    private final List<CallPath> paths = new ArrayList<>();

    abstract WireStub newStub();

    @BeforeEach
    void start() {
        stub = newStub();
    }

    @AfterEach
    void stop() throws Exception {
        paths.forEach(CallPath::close);
        stub.close();
    }

    /** The editor's prompts per answer (K) in these tests. */
    static final int K = 3;

    /**
     * The model of {@code spec}, as the command line builds it, telling {@link #notices} what it adapts; a
     * section in role {@code editor} plays the editor.
     */
    ChatModel model(ModelSpec spec) {
        return ChatModels.build(spec, "test-key", spec.role().equals("editor") ? K : 0, notices::add);
    }

    /** A call path with its own cache (shared when {@code cache} is given). */
    CallPath path(CallCache cache) {
        CallPath path = CallPath.builder().cache(cache).modelsTimeOut(true).build();
        paths.add(path);
        return path;
    }

    LlmReply ask(ModelSpec spec, LlmRequest request) {
        return path(CallCache.inMemory()).llm(Role.TARGET, model(spec)).chat(request);
    }

    @Test
    void an_answer_comes_back_as_its_text() {
        LlmReply reply = ask(stub.spec("target", null, null), LlmRequest.user("Capital of France?"));

        assertThat(reply.text()).isEqualTo("Paris");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void the_providers_token_counts_are_taken_as_they_are_and_a_missing_count_is_estimated() {
        CallPath path = path(CallCache.inMemory());
        path.llm(Role.TARGET, model(stub.spec("target", null, null))).chat(LlmRequest.user("Capital of France?"));

        Usage total = path.total();
        assertThat(total.tokensEstimated()).isEqualTo(!stub.reportsUsage());
        assertThat(total.inputTokens()).isPositive();
        assertThat(total.outputTokens()).isPositive();
    }

    @Test
    void the_model_sections_temperature_is_sent() {
        ask(stub.spec("target", 0.2, null), LlmRequest.user("q"));

        assertThat(stub.temperatureOf(stub.lastRequest()).asDouble()).isEqualTo(0.2);
    }

    @Test
    void a_temperature_of_the_request_is_sent_over_the_sections() {
        ask(stub.spec("editor", 0.2, null), LlmRequest.user("q").withTemperature(0.7));

        assertThat(stub.temperatureOf(stub.lastRequest()).asDouble()).isEqualTo(0.7);
    }

    @Test
    void the_model_sections_max_tokens_is_sent_in_the_providers_field() {
        ask(stub.spec("target", null, 321), LlmRequest.user("q"));

        assertThat(stub.maxTokensOf(stub.lastRequest()).asInt()).isEqualTo(321);
    }

    @Test
    void raising_max_tokens_misses_the_cache_and_asks_again() {
        CallCache cache = CallCache.inMemory();
        LlmRequest request = LlmRequest.user("Capital of France?");
        path(cache).llm(Role.TARGET, model(stub.spec("target", null, 40))).chat(request);
        Llm same = path(cache).llm(Role.TARGET, model(stub.spec("target", null, 40)));
        assertThat(same.chat(request).cached()).isTrue();

        LlmReply raised = path(cache).llm(Role.TARGET, model(stub.spec("target", null, 4000))).chat(request);

        assertThat(raised.cached()).isFalse();
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void changing_the_sections_temperature_misses_the_cache() {
        CallCache cache = CallCache.inMemory();
        LlmRequest request = LlmRequest.user("Capital of France?");
        path(cache).llm(Role.TARGET, model(stub.spec("target", 0.0, null))).chat(request);

        LlmReply warmer = path(cache).llm(Role.TARGET, model(stub.spec("target", 0.5, null))).chat(request);

        assertThat(warmer.cached()).isFalse();
    }

    @Test
    void nothing_is_adapted_for_a_model_that_takes_every_parameter() {
        ask(stub.spec("target", 0.2, 100), LlmRequest.user("q"));

        assertThat(notices).isEmpty();
    }
}
