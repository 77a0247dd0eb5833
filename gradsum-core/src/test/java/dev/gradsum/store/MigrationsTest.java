package dev.gradsum.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gradsum.exception.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    private static final String DIR = "dev/gradsum/store/testmigrations/";

    @TempDir
    Path dir;

    @Test
    void a_new_store_is_created_with_its_folders_at_the_latest_version_in_wal_mode() throws Exception {
        Path db = dir.resolve("a/b/gradsum.db");
        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.listRuns()).isEmpty();
        }
        assertThat(Files.exists(db)).isTrue();
        assertThat(query(db, "PRAGMA user_version")).isEqualTo(String.valueOf(Migrations.CURRENT.latest()));
        assertThat(query(db, "PRAGMA journal_mode")).isEqualTo("wal");
    }

    @Test
    void an_older_store_is_migrated_in_order_and_a_current_one_is_left_alone() throws Exception {
        Path db = dir.resolve("m.db");
        migrate(db, new Migrations(DIR, List.of("V1__first.sql")));
        assertThat(query(db, "PRAGMA user_version")).isEqualTo("1");

        Migrations both = new Migrations(DIR, List.of("V1__first.sql", "V2__second.sql"));
        migrate(db, both);
        migrate(db, both);

        assertThat(query(db, "PRAGMA user_version")).isEqualTo("2");
        assertThat(query(db, "SELECT count(*) FROM first")).isEqualTo("1");
        assertThat(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'second'")).isEqualTo("1");
    }

    @Test
    void a_failing_migration_leaves_the_store_as_it_was() throws Exception {
        Path db = dir.resolve("f.db");
        migrate(db, new Migrations(DIR, List.of("V1__first.sql")));

        Migrations broken = new Migrations(DIR, List.of("V1__first.sql", "V2__broken.sql"));
        assertThatThrownBy(() -> migrate(db, broken))
                .hasMessageStartingWith(db + ": store error:");

        assertThat(query(db, "PRAGMA user_version")).isEqualTo("1");
        assertThat(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'half_made'")).isEqualTo("0");
    }

    @Test
    void a_store_from_a_newer_gradsum_is_refused_with_one_line_saying_what_to_do() throws Exception {
        Path db = dir.resolve(".gradsum/gradsum.db");
        SqliteStore.open(db).close();
        int newer = Migrations.CURRENT.latest() + 2;
        update(db, "PRAGMA user_version = " + newer);

        assertThatThrownBy(() -> SqliteStore.open(db))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(db + ": store schema version " + newer + " is newer than this gradsum supports ("
                        + Migrations.CURRENT.latest() + "); upgrade gradsum or open a store at another path")
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains(SqliteStore.SETTING));
    }

    @Test
    void a_file_that_is_not_a_store_is_refused_with_one_line() throws Exception {
        Path notDb = dir.resolve("notes.txt");
        Files.writeString(notDb, "these are my notes, not a database; ".repeat(200));

        assertThatThrownBy(() -> SqliteStore.open(notDb))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(notDb + ": not a gradsum store")
                .hasMessageEndingWith("open a store at another path")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void scripts_split_into_statements_at_semicolons_ending_a_line_without_comment_lines() {
        assertThat(Migrations.statements("-- note\nCREATE TABLE a (x);\n\nCREATE TABLE b (\n  y -- why\n);\n"))
                .containsExactly("CREATE TABLE a (x);", "CREATE TABLE b (\n  y -- why\n);");
    }

    @Test
    void migration_scripts_must_be_numbered_in_order() {
        assertThatThrownBy(() -> new Migrations(DIR, List.of("V2__second.sql")))
                .hasMessageContaining("must be named V1__");
    }

    private static void migrate(Path db, Migrations migrations) {
        try (StoreConnection c = SqliteStore.connect(db)) {
            migrations.apply(c);
        }
    }

    static String query(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void update(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
