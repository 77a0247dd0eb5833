package dev.gradsum.store;

import dev.gradsum.llm.CallRecord;
import dev.gradsum.model.Role;
import dev.gradsum.model.Usage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code run_usage} table: what a run spent per role, over all its attempts. Paid calls are added
 * as their replies are stored, cache hits as they are reported; the final per-role usage of a finished
 * attempt (which also counts retries and failures, and which tokens were estimated and which calls
 * unpriced) replaces the rows.
 */
final class UsageRows {
    private static final String ADD = "INSERT INTO run_usage (run_id, role, calls, cached_calls, retries, failures,"
            + " input_tokens, output_tokens, cost_usd, estimated_calls, unpriced_calls) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (run_id, role) DO UPDATE SET calls = calls + excluded.calls,"
            + " cached_calls = cached_calls + excluded.cached_calls, retries = retries + excluded.retries,"
            + " failures = failures + excluded.failures, input_tokens = input_tokens + excluded.input_tokens,"
            + " output_tokens = output_tokens + excluded.output_tokens, cost_usd = cost_usd + excluded.cost_usd,"
            + " estimated_calls = estimated_calls + excluded.estimated_calls,"
            + " unpriced_calls = unpriced_calls + excluded.unpriced_calls";

    private UsageRows() {
    }

    /** One paid call, as the call path stores it in the cache. */
    static void addPaid(Connection c, String runId, CallRecord call) throws SQLException {
        add(c, runId, call.role(), new Usage(1, 0, 0, 0, call.reply().inputTokens(), call.reply().outputTokens(),
                call.costUsd()));
    }

    static void addCached(Connection c, String runId, Role role) throws SQLException {
        add(c, runId, role, new Usage(0, 1, 0, 0, 0, 0, 0));
    }

    static void add(Connection c, String runId, Role role, Usage usage) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ADD)) {
            bind(s, runId, role, usage);
            s.executeUpdate();
        }
    }

    /** Replaces the run's rows with {@code usage} (the call path's final account, earlier attempts included). */
    static void replace(Connection c, String runId, Map<Role, Usage> usage) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM run_usage WHERE run_id = ?")) {
            s.setString(1, runId);
            s.executeUpdate();
        }
        for (Map.Entry<Role, Usage> e : usage.entrySet()) {
            add(c, runId, e.getKey(), e.getValue());
        }
    }

    private static void bind(PreparedStatement s, String runId, Role role, Usage u) throws SQLException {
        s.setString(1, runId);
        s.setString(2, role.key());
        s.setLong(3, u.calls());
        s.setLong(4, u.cachedCalls());
        s.setLong(5, u.retries());
        s.setLong(6, u.failures());
        s.setLong(7, u.inputTokens());
        s.setLong(8, u.outputTokens());
        s.setDouble(9, u.costUsd());
        s.setLong(10, u.estimatedCalls());
        s.setLong(11, u.unpricedCalls());
    }

    /** Usage per role of the run (empty for an unknown run). */
    static Map<Role, Usage> byRole(Connection c, String runId) throws SQLException {
        Map<Role, Usage> out = new EnumMap<>(Role.class);
        try (PreparedStatement q = c.prepareStatement("SELECT role, calls, cached_calls, retries, failures,"
                + " input_tokens, output_tokens, cost_usd, estimated_calls, unpriced_calls FROM run_usage WHERE run_id = ?")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(Role.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), new Usage(rs.getLong(2),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getDouble(8),
                            rs.getLong(9), rs.getLong(10)));
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    static Usage sum(Connection c, String runId) throws SQLException {
        return byRole(c, runId).values().stream().reduce(Usage.ZERO, Usage::plus);
    }
}
