package dev.gradsum.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.BatchApi;
import dev.gradsum.llm.BatchLedger;
import dev.gradsum.llm.BatchReply;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store as the call path's batch ledger: batches and answers survive the process (schema version 6), and so do submission intents until settled (7). */
class BatchLedgerStoreTest {
    @TempDir
    Path dir;

    @Test
    void a_submitted_batch_stays_open_across_reopening_until_it_ends() {
        Path db = dir.resolve("g.db");
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
        BatchLedger.Batch batch = new BatchLedger.Batch("msgbatch_1", "ANTHROPIC", "claude-haiku-4-5",
                List.of(new BatchLedger.Request("request-0", "k0"), new BatchLedger.Request("request-1", "k1")),
                BatchApi.State.VALIDATING, at);
        try (SqliteStore store = SqliteStore.open(db)) {
            store.submitted(batch);
            store.stateChanged("msgbatch_1", BatchApi.State.IN_PROGRESS);
            store.answered("k1", new BatchReply("yes", "because", 12, null, "STOP"));
        }
        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.open("ANTHROPIC", "claude-haiku-4-5")).containsExactly(new BatchLedger.Batch("msgbatch_1",
                    "ANTHROPIC", "claude-haiku-4-5", batch.requests(), BatchApi.State.IN_PROGRESS, at));
            assertThat(store.open("ANTHROPIC", "other-model")).isEmpty();
            assertThat(store.answer("k1")).contains(new BatchReply("yes", "because", 12, null, "STOP"));
            assertThat(store.answer("k0")).isEmpty();

            store.ended("msgbatch_1", BatchApi.State.COMPLETED, at.plusSeconds(60));
            assertThat(store.open("ANTHROPIC", "claude-haiku-4-5")).isEmpty();
        }
    }

    @Test
    void an_intent_survives_reopening_until_its_batch_is_recorded_which_settles_it_in_the_same_write() {
        Path db = dir.resolve("g.db");
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
        BatchLedger.Intent intent = new BatchLedger.Intent("gradsum-t1", "OPEN_AI", "gpt-4o-mini", List.of("k0", "k1"), at);
        try (SqliteStore store = SqliteStore.open(db)) {
            store.intended(intent);
            store.intended(new BatchLedger.Intent("gradsum-t2", "OPEN_AI", "gpt-4o-mini", List.of("k2"), at.plusSeconds(1)));
        }
        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.intents("OPEN_AI", "gpt-4o-mini")).extracting(BatchLedger.Intent::token)
                    .containsExactly("gradsum-t1", "gradsum-t2");
            assertThat(store.intents("OPEN_AI", "gpt-4o-mini").get(0)).isEqualTo(intent);
            assertThat(store.intents("ANTHROPIC", "gpt-4o-mini")).isEmpty();
            store.submitted(new BatchLedger.Batch("batch_1", "OPEN_AI", "gpt-4o-mini",
                    List.of(new BatchLedger.Request("request-0", "k0"), new BatchLedger.Request("request-1", "k1")),
                    BatchApi.State.VALIDATING, at), "gradsum-t1");
            store.settled("gradsum-t2");
        }
        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.intents("OPEN_AI", "gpt-4o-mini")).isEmpty();
            assertThat(store.open("OPEN_AI", "gpt-4o-mini")).extracting(BatchLedger.Batch::id).containsExactly("batch_1");
        }
    }
}
