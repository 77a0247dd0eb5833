package dev.gradsum.store;

import dev.gradsum.llm.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code run_usage} table: one row per attempt of a run. The call path reports the running total
 * of its attempt after each call; as every component only grows, keeping the larger value of each
 * column stores the latest total even when reports from concurrent calls arrive out of order.
 */
final class UsageRows {
    private UsageRows() {
    }

    static void raiseTo(Connection c, String runId, int attempt, Usage total) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO run_usage (run_id, attempt, calls, cached_calls,"
                + " retries, failures, input_tokens, output_tokens, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (run_id, attempt) DO UPDATE SET calls = max(calls, excluded.calls),"
                + " cached_calls = max(cached_calls, excluded.cached_calls), retries = max(retries, excluded.retries),"
                + " failures = max(failures, excluded.failures),"
                + " input_tokens = max(input_tokens, excluded.input_tokens),"
                + " output_tokens = max(output_tokens, excluded.output_tokens),"
                + " cost_usd = max(cost_usd, excluded.cost_usd)")) {
            s.setString(1, runId);
            s.setInt(2, attempt);
            s.setLong(3, total.calls());
            s.setLong(4, total.cachedCalls());
            s.setLong(5, total.retries());
            s.setLong(6, total.failures());
            s.setLong(7, total.inputTokens());
            s.setLong(8, total.outputTokens());
            s.setDouble(9, total.costUsd());
            s.executeUpdate();
        }
    }

    /** Usage over every attempt of the run ({@link Usage#ZERO} for an unknown run). */
    static Usage sum(Connection c, String runId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT coalesce(sum(calls), 0), coalesce(sum(cached_calls), 0),"
                + " coalesce(sum(retries), 0), coalesce(sum(failures), 0), coalesce(sum(input_tokens), 0),"
                + " coalesce(sum(output_tokens), 0), coalesce(sum(cost_usd), 0) FROM run_usage WHERE run_id = ?")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new Usage(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getDouble(7));
            }
        }
    }
}
