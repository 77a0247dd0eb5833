package dev.gradsum.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.CallCache;
import dev.gradsum.llm.CallRecord;
import dev.gradsum.llm.LlmReply;
import dev.gradsum.llm.LlmRequest;
import dev.gradsum.model.Role;
import dev.gradsum.recording.CacheStats;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallCacheStoreTest {
    @TempDir
    Path dir;

    static CallRecord record(String text, double cost) {
        return new CallRecord(Role.TARGET, "OPEN_AI", "gpt-4o-mini", LlmRequest.user("q"),
                new LlmReply(text, 7, 3, false), cost);
    }

    @Test
    void a_stored_reply_is_answered_marked_cached_with_its_tokens() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            assertThat(store.get("k1")).isEmpty();
            store.put("k1", record("答案是 42", 0.01));

            assertThat(store.get("k1")).contains(new LlmReply("答案是 42", 7, 3, true));
        }
    }

    @Test
    void the_reasoning_of_a_reply_is_stored_beside_its_answer() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            store.put("k1", new CallRecord(Role.JUDGE, "OPEN_AI", "m", LlmRequest.user("q"),
                    new LlmReply("{\"score\": 1}", "It states 42.", 7, 3, false), 0));
            assertThat(store.get("k1")).contains(new LlmReply("{\"score\": 1}", "It states 42.", 7, 3, true));
        }
    }

    @Test
    void a_reply_put_is_committed_at_once_and_seen_by_another_connection() {
        Path db = dir.resolve("s.db");
        try (SqliteStore writer = SqliteStore.open(db); SqliteStore reader = SqliteStore.open(db)) {
            writer.put("k1", record("first", 0.01));
            assertThat(reader.get("k1")).map(LlmReply::text).contains("first");
        }
        try (SqliteStore reopened = SqliteStore.open(db)) {
            assertThat(reopened.get("k1")).map(LlmReply::text).contains("first");
        }
    }

    @Test
    void the_first_reply_stored_for_a_key_stays_so_replays_are_deterministic() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            store.put("k1", record("first", 0.01));
            store.put("k1", record("second", 0.01));
            assertThat(store.get("k1")).map(LlmReply::text).contains("first");
        }
    }

    @Test
    void stats_count_entries_reply_bytes_cost_and_the_hits_of_this_process() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            store.put("a", record("héllo", 0.25));
            store.put("b", record("abc", 0.5));
            store.get("a");
            store.get("a");
            store.get("missing");

            CacheStats stats = store.stats();
            assertThat(stats.entries()).isEqualTo(2);
            assertThat(stats.bytes()).isEqualTo("héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 3);
            assertThat(stats.costUsd()).isEqualTo(0.75);
            assertThat(stats.hits()).isEqualTo(2);
        }
    }

    @Test
    void clear_forgets_every_reply_but_keeps_the_runs() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            store.start("r1", "math", "{}");
            store.put("a", record("x", 0));
            store.put("b", record("y", 0));

            assertThat(store.clear()).isEqualTo(2);
            assertThat(store.get("a")).isEmpty();
            assertThat(store.stats().entries()).isZero();
            assertThat(store.listRuns()).extracting(RunSummary::id).containsExactly("r1");
        }
    }

    @Test
    void the_write_only_view_keeps_fresh_replies_but_never_answers() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("s.db"))) {
            CallCache noCache = store.writeOnly();
            noCache.put("k", record("fresh", 0));

            assertThat(noCache.get("k")).isEmpty();
            assertThat(store.get("k")).map(LlmReply::text).contains("fresh");
        }
    }
}
