package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gradsum.model.Budget;
import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.gradsum.testing.ScriptedChatModel;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class LlmTest {
    private final RecordingSleeper sleeper = new RecordingSleeper();

    private CallPath.Builder path() {
        return CallPath.builder().sleeper(sleeper);
    }

    @Test
    void a_call_sends_system_user_and_temperature_but_no_response_format() {
        FlakyModel model = FlakyModel.of("{\"score\": 1}");
        Llm llm = path().build().llm(Role.JUDGE, model);
        LlmReply reply = llm.chat(LlmRequest.user("Rate this.").withSystem("You are a judge.").withTemperature(0.3).asJson());

        assertThat(reply).isEqualTo(new LlmReply("{\"score\": 1}", 1000, 500, false));
        ChatRequest sent = model.requests().get(0);
        assertThat(sent.messages()).containsExactly(SystemMessage.from("You are a judge."), UserMessage.from("Rate this."));
        assertThat(sent.temperature()).isEqualTo(0.3);
        assertThat(sent.responseFormat()).isNull();
    }

    @Test
    void provider_and_model_name_come_from_the_chat_model() {
        Llm llm = path().build().llm(Role.TARGET, FlakyModel.of("x"));
        assertThat(llm.provider()).isEqualTo("OPEN_AI");
        assertThat(llm.modelName()).isEqualTo("gpt-4o-mini");
        assertThat(llm.role()).isEqualTo(Role.TARGET);
        Llm unnamed = path().build().llm(Role.TARGET, new FlakyModel(null, ModelProvider.OTHER, "x"));
        assertThat(unnamed.modelName()).isEqualTo("unknown");
    }

    @Test
    void an_identical_request_is_answered_from_the_cache_for_free() {
        ScriptedChatModel model = ScriptedChatModel.answering("four");
        CallPath path = path().pricing(Pricing.none().with("scripted", 1, 1)).build();
        Llm llm = path.llm(Role.TARGET, model);
        LlmRequest request = LlmRequest.user("What is 2+2?").withTemperature(0.7);

        LlmReply first = llm.chat(request);
        LlmReply second = llm.chat(request);

        assertThat(model.callCount()).isEqualTo(1);
        assertThat(first.cached()).isFalse();
        assertThat(second).isEqualTo(first.asCached());
        Usage usage = path.usage().get(Role.TARGET);
        assertThat(usage.calls()).isEqualTo(1);
        assertThat(usage.cachedCalls()).isEqualTo(1);
        assertThat(usage.inputTokens()).isEqualTo(3);
        assertThat(usage.costUsd()).isCloseTo(4 / 1e6, within(1e-12));
    }

    @Test
    void a_different_temperature_or_sample_index_misses_the_cache() {
        ScriptedChatModel model = ScriptedChatModel.answering("four");
        Llm llm = path().build().llm(Role.TARGET, model);
        LlmRequest request = LlmRequest.user("What is 2+2?").withTemperature(0.7);

        llm.chat(request);
        llm.chat(request.withTemperature(0.9));
        llm.chat(request.withSample(1));
        llm.chat(request.withSample(1));

        assertThat(model.callCount()).isEqualTo(3);
    }

    @Test
    void without_a_cache_every_call_is_paid() {
        ScriptedChatModel model = ScriptedChatModel.answering("four");
        CallPath path = path().cache(CallCache.none()).build();
        Llm llm = path.llm(Role.TARGET, model);
        llm.chat(LlmRequest.user("same"));
        llm.chat(LlmRequest.user("same"));
        assertThat(model.callCount()).isEqualTo(2);
        assertThat(path.total().cachedCalls()).isZero();
    }

    @Test
    void the_reply_is_in_the_cache_before_anyone_is_told_of_it() {
        RecordingCache cache = new RecordingCache();
        List<Boolean> storedWhenTold = new ArrayList<>();
        CallPath path = path().cache(cache)
                .listener((role, reply, total) -> storedWhenTold.add(cache.records.size() == 1))
                .build();
        LlmReply reply = path.llm(Role.EDITOR, FlakyModel.of("{\"prompts\": []}")).chat(LlmRequest.user("edit"));

        assertThat(storedWhenTold).containsExactly(true);
        CallRecord record = cache.records.values().iterator().next();
        assertThat(record.reply()).isEqualTo(reply);
        assertThat(record.role()).isEqualTo(Role.EDITOR);
        assertThat(record.provider()).isEqualTo("OPEN_AI");
        assertThat(record.model()).isEqualTo("gpt-4o-mini");
        assertThat(record.costUsd()).isCloseTo(Pricing.defaults().cost("gpt-4o-mini", 1000, 500), within(1e-12));
    }

    @Test
    void the_api_key_of_a_model_is_nowhere_in_the_cache() {
        String apiKey = "sk-test-NEVER-STORE-ME-123";
        RecordingCache cache = new RecordingCache();
        FlakyModel model = new FlakyModel("gpt-4o-mini", ModelProvider.OPEN_AI, "ok") {
            @Override
            public String toString() {
                return "FlakyModel[apiKey=" + apiKey + "]";
            }
        };
        CallPath path = path().cache(cache).build();
        LlmRequest request = LlmRequest.user("hello").withSystem("sys");
        path.llm(Role.TARGET, model).chat(request);

        assertThat(cache.records.keySet()).allSatisfy(k -> assertThat(k).doesNotContain(apiKey));
        assertThat(cache.records.values().toString()).doesNotContain(apiKey);
        assertThat(CacheKey.canonical("OPEN_AI", "gpt-4o-mini", model, request)).doesNotContain(apiKey);
    }

    @Test
    void usage_is_counted_per_role_with_cost_from_the_price_table() {
        List<Usage> totalsTold = new ArrayList<>();
        CallPath path = path().listener((role, reply, total) -> totalsTold.add(total)).build();
        Llm target = path.llm(Role.TARGET, FlakyModel.of("a"));
        Llm judge = path.llm(Role.JUDGE, FlakyModel.of("b"));
        target.chat(LlmRequest.user("one"));
        target.chat(LlmRequest.user("two"));
        judge.chat(LlmRequest.user("three"));

        double oneCall = 1000 * 0.15 / 1e6 + 500 * 0.60 / 1e6;
        assertThat(path.usage()).containsOnlyKeys(Role.TARGET, Role.JUDGE);
        assertThat(path.usage().get(Role.TARGET).calls()).isEqualTo(2);
        assertThat(path.usage().get(Role.TARGET).costUsd()).isCloseTo(2 * oneCall, within(1e-12));
        assertThat(path.usage().get(Role.JUDGE).outputTokens()).isEqualTo(500);
        assertThat(path.total().calls()).isEqualTo(3);
        assertThat(path.total().totalTokens()).isEqualTo(4500);
        assertThat(path.total().costUsd()).isCloseTo(3 * oneCall, within(1e-12));
        assertThat(totalsTold).extracting(Usage::calls).containsExactly(1L, 2L, 3L);
    }

    @Test
    void a_model_without_a_price_costs_nothing() {
        CallPath path = path().build();
        path.llm(Role.TARGET, new FlakyModel("my-local-llama", ModelProvider.OTHER, "x")).chat(LlmRequest.user("hi"));
        assertThat(path.total().inputTokens()).isEqualTo(1000);
        assertThat(path.total().costUsd()).isZero();
    }

    @Test
    void usage_spent_before_a_resume_counts_toward_totals_and_budget() {
        ScriptedChatModel model = ScriptedChatModel.answering("x");
        CallPath path = path().budget(new Budget(null, 5L, null))
                .spentBefore(Map.of(Role.TARGET, new Usage(5, 0, 0, 0, 10, 10, 0.01))).build();
        assertThat(path.total().calls()).isEqualTo(5);
        assertThatThrownBy(() -> path.llm(Role.TARGET, model).chat(LlmRequest.user("more")))
                .isInstanceOf(BudgetExceededException.class);
        assertThat(model.callCount()).isZero();
    }

    @Test
    void a_cached_answer_is_given_even_when_the_budget_is_spent() {
        ScriptedChatModel model = ScriptedChatModel.answering("x");
        CallPath path = path().budget(new Budget(null, 1L, null)).build();
        Llm llm = path.llm(Role.TARGET, model);
        llm.chat(LlmRequest.user("q"));
        assertThat(llm.chat(LlmRequest.user("q")).cached()).isTrue();
        assertThatThrownBy(() -> llm.chat(LlmRequest.user("other"))).isInstanceOf(BudgetExceededException.class);
    }

    /** A cache that keeps every record it is given. */
    static final class RecordingCache implements CallCache {
        final Map<String, CallRecord> records = new ConcurrentHashMap<>();

        @Override
        public Optional<LlmReply> get(String key) {
            return Optional.ofNullable(records.get(key)).map(CallRecord::reply);
        }

        @Override
        public void put(String key, CallRecord record) {
            records.put(key, record);
        }
    }
}
