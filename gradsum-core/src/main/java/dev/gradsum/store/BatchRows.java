package dev.gradsum.store;

import dev.gradsum.llm.BatchApi;
import dev.gradsum.llm.BatchLedger;
import dev.gradsum.llm.BatchReply;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's {@link BatchLedger}: tables {@code batches}, {@code batch_requests} and {@code batch_answers}
 * (schema version 6), {@code batch_intents} and {@code batch_intent_requests} (version 7). A batch, its
 * requests and the deletion of its intent are written in one transaction.
 */
final class BatchRows implements BatchLedger {
    private final StoreConnection db;
    private final Clock clock;

    BatchRows(StoreConnection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void intended(Intent intent) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO batch_intents (token, provider, model, created) VALUES (?, ?, ?, ?)")) {
                s.setString(1, intent.token());
                s.setString(2, intent.provider());
                s.setString(3, intent.model());
                s.setLong(4, intent.at().toEpochMilli());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO batch_intent_requests (token, position, key) VALUES (?, ?, ?)")) {
                for (int i = 0; i < intent.keys().size(); i++) {
                    s.setString(1, intent.token());
                    s.setInt(2, i);
                    s.setString(3, intent.keys().get(i));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void settled(String token) {
        db.transaction(c -> {
            settle(c, token);
            return null;
        });
    }

    private static void settle(java.sql.Connection c, String token) throws java.sql.SQLException {
        for (String table : List.of("batch_intent_requests", "batch_intents")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE token = ?")) {
                s.setString(1, token);
                s.executeUpdate();
            }
        }
    }

    @Override
    public List<Intent> intents(String provider, String model) {
        return db.call(c -> {
            List<Intent> found = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT token, created FROM batch_intents"
                    + " WHERE provider = ? AND model = ? ORDER BY created, token");
                 PreparedStatement keys = c.prepareStatement(
                         "SELECT key FROM batch_intent_requests WHERE token = ? ORDER BY position")) {
                q.setString(1, provider);
                q.setString(2, model);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        keys.setString(1, rs.getString(1));
                        List<String> k = new ArrayList<>();
                        try (ResultSet kr = keys.executeQuery()) {
                            while (kr.next()) {
                                k.add(kr.getString(1));
                            }
                        }
                        found.add(new Intent(rs.getString(1), provider, model, k, Instant.ofEpochMilli(rs.getLong(2))));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void submitted(Batch batch) {
        submitted(batch, null);
    }

    @Override
    public void submitted(Batch batch, String token) {
        db.transaction(c -> {
            if (token != null) {
                settle(c, token);
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO batches (batch_id, provider, model, state,"
                    + " request_count, submitted) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, batch.id());
                s.setString(2, batch.provider());
                s.setString(3, batch.model());
                s.setString(4, batch.state().name());
                s.setInt(5, batch.requests().size());
                s.setLong(6, batch.submitted().toEpochMilli());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO batch_requests (batch_id, custom_id, key) VALUES (?, ?, ?)")) {
                for (Request r : batch.requests()) {
                    s.setString(1, batch.id());
                    s.setString(2, r.customId());
                    s.setString(3, r.key());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void stateChanged(String batchId, BatchApi.State state) {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE batches SET state = ? WHERE batch_id = ?")) {
                s.setString(1, state.name());
                s.setString(2, batchId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void ended(String batchId, BatchApi.State state, Instant at) {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE batches SET state = ?, finished = ? WHERE batch_id = ?")) {
                s.setString(1, state.name());
                s.setLong(2, at.toEpochMilli());
                s.setString(3, batchId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void answered(String requestKey, BatchReply reply) {
        db.call(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO batch_answers (key, text, thinking,"
                    + " input_tokens, output_tokens, finish_reason, created) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (key) DO NOTHING")) {
                s.setString(1, requestKey);
                s.setString(2, reply.text());
                s.setString(3, reply.thinking());
                SqlValues.setNumber(s, 4, reply.inputTokens());
                SqlValues.setNumber(s, 5, reply.outputTokens());
                s.setString(6, reply.finishReason());
                s.setLong(7, clock.millis());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<BatchReply> answer(String requestKey) {
        return db.call(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT text, thinking, input_tokens, output_tokens,"
                    + " finish_reason FROM batch_answers WHERE key = ?")) {
                q.setString(1, requestKey);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<BatchReply>empty();
                    }
                    return Optional.of(new BatchReply(rs.getString(1), rs.getString(2), SqlValues.integer(rs, 3),
                            SqlValues.integer(rs, 4), rs.getString(5)));
                }
            }
        });
    }

    @Override
    public List<Batch> open(String provider, String model) {
        return db.call(c -> {
            List<Batch> found = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT batch_id, state, submitted FROM batches"
                    + " WHERE provider = ? AND model = ? AND finished IS NULL ORDER BY submitted, batch_id")) {
                q.setString(1, provider);
                q.setString(2, model);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Batch(rs.getString(1), provider, model, List.of(),
                                BatchApi.State.valueOf(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3))));
                    }
                }
            }
            List<Batch> withRequests = new ArrayList<>(found.size());
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT custom_id, key FROM batch_requests WHERE batch_id = ? ORDER BY rowid")) {
                for (Batch b : found) {
                    q.setString(1, b.id());
                    List<Request> requests = new ArrayList<>();
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            requests.add(new Request(rs.getString(1), rs.getString(2)));
                        }
                    }
                    withRequests.add(new Batch(b.id(), provider, model, requests, b.state(), b.submitted()));
                }
            }
            return withRequests;
        });
    }
}
