package dev.gradsum.store;

import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.exception.GradSumException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The one JDBC connection of a {@link SqliteStore}, shared by all threads of the process under a lock.
 * SQLite serialises writers anyway; across processes WAL mode plus a busy timeout make writers wait for
 * each other instead of failing, and every write transaction starts with {@code BEGIN IMMEDIATE} so two
 * processes never deadlock upgrading a read lock.
 */
final class StoreConnection implements AutoCloseable {
    /** How long a writer waits for another process's write to finish before giving up. */
    static final int BUSY_TIMEOUT_MILLIS = 10_000;

    /** One unit of work on the connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path path;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private StoreConnection(Path path, Connection connection) {
        this.path = path;
        this.connection = connection;
    }

    static StoreConnection open(Path path) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL in WAL mode: a committed transaction survives a crash of the process (SIGKILL);
        // only a power loss can take back the last few commits.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        try {
            // straight from the driver, not through DriverManager's service lookup (which misses it in a module layer)
            Connection c = config.createConnection("jdbc:sqlite:" + path);
            return new StoreConnection(path, c);
        } catch (SQLException e) {
            GradSumException failure = failure(path, e);
            throw failure instanceof ConfigurationException ? failure
                    : new ConfigurationException(SqliteStore.SETTING, path + ": cannot open the store (" + firstLine(e)
                            + "); open a store at another path", e);
        }
    }

    Path path() {
        return path;
    }

    /** Runs {@code work} alone on the connection, each statement committing on its own. */
    <T> T call(Work<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one write transaction: all of it is stored, or none of it. */
    <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            exec("BEGIN IMMEDIATE");
            try {
                T result = work.run(connection);
                exec("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            exec("ROLLBACK");
        } catch (SQLException ignored) {
            // the transaction was never opened or is already gone
        }
    }

    GradSumException failure(SQLException e) {
        return failure(path, e);
    }

    private static GradSumException failure(Path path, SQLException e) {
        String m = firstLine(e);
        if (m.contains("SQLITE_BUSY") || m.contains("database is locked")) {
            return new GradSumException(SqliteStore.SETTING, path + ": the store stayed locked by another process for "
                    + BUSY_TIMEOUT_MILLIS / 1000 + " s; try again or open a store at another path", e);
        }
        if (m.contains("SQLITE_NOTADB") || m.contains("not a database")) {
            return new ConfigurationException(SqliteStore.SETTING, path + ": not a gradsum store (" + m
                    + "); open a store at another path", e);
        }
        return new GradSumException(path + ": store error: " + m, e);
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            lock.unlock();
        }
    }
}
