package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradsum.model.Pricing;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batch path of the call path: gathering, submission, polling, answers through the cache, failures, resume. */
class BatchPathTest {
    private static final BatchOptions FAST = BatchOptions.defaults()
            .withPollInterval(Duration.ofMillis(20)).withGatherWindow(Duration.ofMillis(150));
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private CallPath path(FlakyModel model, BatchApi api, BatchLedger ledger, CallCache cache, BatchOptions options,
                          CallListener listener) {
        return CallPath.builder().cache(cache).pricing(Pricing.defaults()).batchApi(model, api).batchLedger(ledger)
                .batchOptions(options).listener(listener).sleeper(d -> { }).build();
    }

    private List<LlmReply> chatAll(Llm llm, List<String> prompts) throws Exception {
        List<Future<LlmReply>> futures = prompts.stream()
                .map(p -> pool.submit(() -> llm.chat(LlmRequest.user(p)))).toList();
        List<LlmReply> replies = new java.util.ArrayList<>();
        for (Future<LlmReply> f : futures) {
            replies.add(f.get());
        }
        return replies;
    }

    @Test
    void the_calls_of_a_batch_stage_go_out_as_one_batch_at_half_price_and_answer_from_the_cache_later() throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi api = new ScriptedBatchApi(3); // validating, then in progress for two more polls
        CallCache cache = CallCache.inMemory();
        List<BatchProgress> progress = new CopyOnWriteArrayList<>();
        List<String> prompts = List.of("row 1", "row 2", "row 3", "row 4");
        try (CallPath path = path(online, api, BatchLedger.inMemory(), cache, FAST, new CallListener() {
            @Override
            public void onCall(Role role, LlmReply reply, Usage total) {
            }

            @Override
            public void onBatchProgress(BatchProgress p) {
                progress.add(p);
            }
        })) {
            Llm llm = path.batchLlm(Role.TARGET, online);
            List<LlmReply> replies = chatAll(llm, prompts);

            assertThat(replies).extracting(LlmReply::text)
                    .containsExactly("batch answer: row 1", "batch answer: row 2", "batch answer: row 3", "batch answer: row 4");
            assertThat(api.submitted()).hasSize(1);
            assertThat(api.submitted().get(0)).containsExactlyInAnyOrderElementsOf(prompts);
            assertThat(online.requests()).isEmpty();
            Usage usage = path.usage().get(Role.TARGET);
            assertThat(usage.calls()).isEqualTo(4);
            double list = Pricing.defaults().cost("gpt-4o-mini", 100, 10);
            assertThat(usage.costUsd()).isCloseTo(4 * list * 0.5, within(1e-12));
            assertThat(progress).extracting(p -> p.batches().keySet())
                    .contains(java.util.Set.of(BatchApi.State.VALIDATING), java.util.Set.of(BatchApi.State.IN_PROGRESS),
                            java.util.Set.of(BatchApi.State.COMPLETED));
            assertThat(progress.get(progress.size() - 1).line()).startsWith("batches: 1 completed; 0 waiting, 4 answered");
        }
        // a later run (an eval, a rerun) pays none of them again
        try (CallPath later = path(online, api, BatchLedger.inMemory(), cache, FAST, (r, rep, t) -> { })) {
            List<LlmReply> again = chatAll(later.batchLlm(Role.TARGET, online), prompts);
            assertThat(again).allMatch(LlmReply::cached);
            assertThat(api.submitted()).hasSize(1);
        }
    }

    @Test
    void outside_a_batch_stage_calls_stay_online() throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi api = new ScriptedBatchApi(0);
        try (CallPath path = path(online, api, BatchLedger.inMemory(), CallCache.inMemory(), FAST, (r, rep, t) -> { })) {
            LlmReply reply = path.llm(Role.TARGET, online).chat(LlmRequest.user("minibatch row"));
            assertThat(reply.text()).isEqualTo("online answer");
            assertThat(api.submitted()).isEmpty();
            assertThat(path.usage().get(Role.TARGET).costUsd())
                    .isCloseTo(Pricing.defaults().cost("gpt-4o-mini", 1000, 500), within(1e-12));
        }
    }

    @Test
    void an_expired_or_errored_request_is_sent_online_and_counted() throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi api = new ScriptedBatchApi(1);
        List<BatchProgress> progress = new CopyOnWriteArrayList<>();
        try (CallPath path = path(online, api, BatchLedger.inMemory(), CallCache.inMemory(), FAST, new CallListener() {
            @Override
            public void onCall(Role role, LlmReply reply, Usage total) {
            }

            @Override
            public void onBatchProgress(BatchProgress p) {
                progress.add(p);
            }
        })) {
            List<LlmReply> replies = chatAll(path.batchLlm(Role.TARGET, online), List.of("ok", "EXPIRE me", "ERROR me"));

            assertThat(replies).extracting(LlmReply::text)
                    .containsExactly("batch answer: ok", "online answer", "online answer");
            assertThat(online.requests()).hasSize(2);
            assertThat(api.submitted()).hasSize(1);
            BatchProgress last = progress.get(progress.size() - 1);
            assertThat(last.failed()).isEqualTo(2);
            assertThat(last.sentOnline()).isEqualTo(2);
            assertThat(last.line()).contains("2 failed (2 online, 0 resubmitted)");
        }
    }

    @Test
    void with_next_batch_a_failed_request_goes_into_the_next_batch_then_online() throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi api = new ScriptedBatchApi(0);
        BatchOptions nextBatch = FAST.withFailedRequests(BatchOptions.FailedRequests.NEXT_BATCH);
        try (CallPath path = path(online, api, BatchLedger.inMemory(), CallCache.inMemory(), nextBatch, (r, rep, t) -> { })) {
            List<LlmReply> replies = chatAll(path.batchLlm(Role.TARGET, online), List.of("ok", "EXPIRE me"));

            assertThat(replies).extracting(LlmReply::text).containsExactly("batch answer: ok", "online answer");
            assertThat(api.submitted()).hasSize(2); // the expired request went into a second batch, expired again
            assertThat(api.submitted().get(1)).containsExactly("EXPIRE me");
            assertThat(online.requests()).hasSize(1); // then online: maxBatchTries is 2
        }
    }

    @Test
    void a_batch_an_earlier_process_submitted_is_polled_again_never_submitted_twice() throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi api = new ScriptedBatchApi(1000); // the first process never sees it end
        BatchLedger ledger = BatchLedger.inMemory();
        List<String> prompts = List.of("row 1", "row 2");
        CallPath first = path(online, api, ledger, CallCache.inMemory(), FAST, (r, rep, t) -> { });
        Llm llm = first.batchLlm(Role.TARGET, online);
        List<Future<LlmReply>> abandoned = prompts.stream()
                .map(p -> pool.submit(() -> llm.chat(LlmRequest.user(p)))).toList();
        while (ledger.open("OPEN_AI", "gpt-4o-mini").isEmpty()) {
            Thread.sleep(10);
        }
        abandoned.forEach(f -> f.cancel(true));
        first.close(); // the process dies; the batch stays open in the ledger

        api.endAtNextPoll();
        try (CallPath second = path(online, api, ledger, CallCache.inMemory(), FAST, (r, rep, t) -> { })) {
            List<LlmReply> replies = chatAll(second.batchLlm(Role.TARGET, online), prompts);
            assertThat(replies).extracting(LlmReply::text).containsExactly("batch answer: row 1", "batch answer: row 2");
        } finally {
            assertThat(api.submitted()).hasSize(1);
            assertThat(api.submissionsOf("row 1")).isEqualTo(1);
        }
    }

    @Test
    void a_batch_created_by_a_process_that_died_before_storing_its_id_is_found_by_its_token_not_submitted_again()
            throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi api = new ScriptedBatchApi(1);
        BatchLedger ledger = BatchLedger.inMemory();
        List<String> prompts = List.of("row 1", "row 2");
        submitDeadProcessBatch(online, api, ledger, prompts, true);
        assertThat(ledger.intents("OPEN_AI", "gpt-4o-mini")).hasSize(1);

        try (CallPath second = path(online, api, ledger, CallCache.inMemory(), FAST, (r, rep, t) -> { })) {
            List<LlmReply> replies = chatAll(second.batchLlm(Role.TARGET, online), prompts);
            assertThat(replies).extracting(LlmReply::text).containsExactly("batch answer: row 1", "batch answer: row 2");
        }
        assertThat(api.submitted()).hasSize(1);
        assertThat(api.submissionsOf("row 1")).isEqualTo(1);
        assertThat(ledger.intents("OPEN_AI", "gpt-4o-mini")).isEmpty();
        assertThat(online.attempts()).isZero();
    }

    @Test
    void an_intent_whose_batch_the_provider_never_created_is_settled_and_its_requests_submitted_once() throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi api = new ScriptedBatchApi(1);
        BatchLedger ledger = BatchLedger.inMemory();
        List<String> prompts = List.of("row 1", "row 2");
        submitDeadProcessBatch(online, api, ledger, prompts, false);

        try (CallPath second = path(online, api, ledger, CallCache.inMemory(), FAST, (r, rep, t) -> { })) {
            List<LlmReply> replies = chatAll(second.batchLlm(Role.TARGET, online), prompts);
            assertThat(replies).extracting(LlmReply::text).containsExactly("batch answer: row 1", "batch answer: row 2");
        }
        assertThat(api.submissionsOf("row 1")).isEqualTo(1);
        assertThat(ledger.intents("OPEN_AI", "gpt-4o-mini")).isEmpty();
    }

    @Test
    void a_provider_that_cannot_carry_a_token_leaves_the_window_open_its_requests_are_submitted_again() throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi scripted = new ScriptedBatchApi(1);
        BatchApi untagged = new BatchApi() { // as Anthropic's Message Batches: no field for a tag
            @Override
            public Submission submit(List<ChatRequest> requests) {
                return scripted.submit(requests);
            }

            @Override
            public Status poll(String batchId, List<String> customIds) {
                return scripted.poll(batchId, customIds);
            }
        };
        BatchLedger ledger = BatchLedger.inMemory();
        List<String> prompts = List.of("row 1");
        submitDeadProcessBatch(online, scripted, ledger, prompts, true);

        try (CallPath second = path(online, untagged, ledger, CallCache.inMemory(), FAST, (r, rep, t) -> { })) {
            assertThat(chatAll(second.batchLlm(Role.TARGET, online), prompts)).extracting(LlmReply::text)
                    .containsExactly("batch answer: row 1");
        }
        assertThat(scripted.submissionsOf("row 1")).as("the documented window: submitted twice").isEqualTo(2);
        assertThat(ledger.intents("OPEN_AI", "gpt-4o-mini")).isEmpty();
    }

    @Test
    void a_create_request_whose_response_is_lost_is_found_by_its_token_not_counted_failed_nor_sent_again()
            throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi api = new ScriptedBatchApi(1);
        api.loseNextCreateResponse = true;
        List<BatchProgress> progress = new CopyOnWriteArrayList<>();
        CallListener listener = new CallListener() {
            @Override
            public void onCall(Role role, LlmReply reply, Usage total) {
            }

            @Override
            public void onBatchProgress(BatchProgress p) {
                progress.add(p);
            }
        };
        try (CallPath path = path(online, api, BatchLedger.inMemory(), CallCache.inMemory(), FAST, listener)) {
            assertThat(chatAll(path.batchLlm(Role.TARGET, online), List.of("row 1", "row 2"))).extracting(LlmReply::text)
                    .containsExactly("batch answer: row 1", "batch answer: row 2");
        }
        assertThat(api.submitted()).hasSize(1);
        assertThat(online.attempts()).isZero();
        assertThat(progress.get(progress.size() - 1).failed()).isZero();
    }

    /**
     * What a process leaves that died right after the provider accepted its batch, before the batch id was
     * stored (when {@code created}; else right before the create request went out): the intent in the
     * ledger and, when created, the batch at the provider, tagged with the intent's token.
     */
    private void submitDeadProcessBatch(FlakyModel online, ScriptedBatchApi api, BatchLedger ledger,
                                        List<String> prompts, boolean created) throws Exception {
        BatchApi dying = new BatchApi() {
            @Override
            public Submission submit(List<ChatRequest> requests) {
                throw new AssertionError("submitted untagged");
            }

            @Override
            public Submission submit(List<ChatRequest> requests, String token) {
                if (created) {
                    api.submit(requests, token);
                }
                throw new ProcessDied();
            }

            @Override
            public Status poll(String batchId, List<String> customIds) {
                return api.poll(batchId, customIds);
            }
        };
        CallPath first = path(online, dying, ledger, CallCache.inMemory(), FAST, (r, rep, t) -> { });
        Llm llm = first.batchLlm(Role.TARGET, online);
        List<Future<LlmReply>> abandoned = prompts.stream()
                .map(p -> pool.submit(() -> llm.chat(LlmRequest.user(p)))).toList();
        while (ledger.intents("OPEN_AI", "gpt-4o-mini").isEmpty()) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // the worker thread is dead now
        abandoned.forEach(f -> f.cancel(true));
        first.close();
    }

    /** The process ends here: nothing after this point runs (the queue's worker thread dies of it). */
    private static final class ProcessDied extends Error {
    }

    @Test
    void a_batch_the_provider_no_longer_knows_is_given_up_after_a_few_polls_and_its_requests_sent_online()
            throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi scripted = new ScriptedBatchApi(0);
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        BatchApi unknown = new BatchApi() {
            @Override
            public Submission submit(List<ChatRequest> requests) {
                return scripted.submit(requests);
            }

            @Override
            public Status poll(String batchId, List<String> customIds) {
                polls.incrementAndGet();
                throw new IllegalStateException("HTTP 404: no batch " + batchId); // not worth another attempt
            }
        };
        try (CallPath path = path(online, unknown, BatchLedger.inMemory(), CallCache.inMemory(), FAST, (r, rep, t) -> { })) {
            List<LlmReply> replies = chatAll(path.batchLlm(Role.TARGET, online), List.of("row 1", "row 2"));

            assertThat(replies).extracting(LlmReply::text).containsOnly("online answer");
            assertThat(polls.get()).isEqualTo(BatchQueue.POLL_FAILURES_TO_GIVE_UP);
        }
    }

    @Test
    void calls_still_waiting_when_the_path_closes_end_with_a_failure_and_are_not_sent_online() throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi api = new ScriptedBatchApi(1_000_000);
        BatchLedger ledger = BatchLedger.inMemory();
        CallPath path = path(online, api, ledger, CallCache.inMemory(), FAST, (r, rep, t) -> { });
        Llm llm = path.batchLlm(Role.TARGET, online);
        Future<LlmReply> waiting = pool.submit(() -> llm.chat(LlmRequest.user("row 1")));
        while (ledger.open("OPEN_AI", "gpt-4o-mini").isEmpty()) {
            Thread.sleep(10);
        }
        path.close();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(waiting::get))
                .hasCauseInstanceOf(LlmException.class).hasMessageContaining("the run ended before its batch did");
        assertThat(online.requests()).isEmpty();
        assertThat(ledger.open("OPEN_AI", "gpt-4o-mini")).hasSize(1); // kept for a later run to poll
    }

    @Test
    void a_cache_that_never_answers_gets_no_kept_batch_answer_either_every_call_is_sent_again() throws Exception {
        FlakyModel online = FlakyModel.of("online answer");
        ScriptedBatchApi api = new ScriptedBatchApi(0);
        BatchLedger ledger = BatchLedger.inMemory();
        try (CallPath first = path(online, api, ledger, CallCache.inMemory(), FAST, (r, rep, t) -> { })) {
            chatAll(first.batchLlm(Role.TARGET, online), List.of("row 1"));
        }
        try (CallPath noCache = path(online, api, ledger, CallCache.writeOnly(CallCache.inMemory()), FAST, (r, rep, t) -> { })) {
            chatAll(noCache.batchLlm(Role.TARGET, online), List.of("row 1"));
        }
        assertThat(api.submissionsOf("row 1")).isEqualTo(2);
    }
}
