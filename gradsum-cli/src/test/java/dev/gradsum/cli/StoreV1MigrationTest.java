package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.cli.report.RunOutputs;
import dev.gradsum.store.SqliteStore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store written by schema version 1 (the fixture in {@code src/test/resources/store-v1/}, see its
 * README) still reads: opening it migrates it, and {@code gradsum report ID} writes each stored run's
 * folder as the code that ran it did. Also: {@code optimize} and {@code report} write the same files.
 */
class StoreV1MigrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path fixture() {
        try {
            return Path.of(StoreV1MigrationTest.class.getResource("/store-v1/gradsum.db").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path copyOfStore() throws IOException {
        Path db = dir.resolve("gradsum.db");
        Files.copy(fixture().resolve("gradsum.db"), db);
        return db;
    }

    @ParameterizedTest
    @ValueSource(strings = {RecordedStoreMaker.FINISHED, RecordedStoreMaker.STOPPED, RecordedStoreMaker.BUDGET})
    void report_writes_a_schema_1_run_folder_again_as_the_code_that_ran_it_did(String id) throws IOException {
        Path db = copyOfStore();
        Path old = fixture().resolve("runs").resolve(id);

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "report", id, "--store", db.toString(),
                "--out", dir.resolve("again").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        Path again = dir.resolve("again").resolve(id);
        assertThat(Files.readString(again.resolve(RunOutputs.BEST_PROMPT)))
                .isEqualTo(Files.readString(old.resolve(RunOutputs.BEST_PROMPT)));
        JsonNode written = JSON.readTree(again.resolve(RunOutputs.RESULT_JSON).toFile());
        JsonNode before = JSON.readTree(old.resolve(RunOutputs.RESULT_JSON).toFile());
        assertThat(written.toPrettyString()).isEqualTo(before.toPrettyString());
        assertThat(Files.readString(again.resolve(RunOutputs.REPORT_HTML)))
                .isEqualTo(Files.readString(old.resolve(RunOutputs.REPORT_HTML)));
    }

    @Test
    void a_stopped_run_of_the_earlier_version_is_not_resumed_under_the_new_rule_and_says_so() throws IOException {
        Path db = copyOfStore();

        CliRunner.Outcome r = CliRunner.run(OptimizeAgainstStubTest.ENV, "optimize", "--resume", RecordedStoreMaker.STOPPED,
                "--store", db.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("run " + RecordedStoreMaker.STOPPED + " was started by an earlier gradsum,"
                + " whose runs cannot be resumed; start a new run (the calls it answered are still free from the store)");
    }

    @Test
    void the_migration_moves_the_result_dumps_into_tables_once_and_drops_the_dump_column() throws Exception {
        Path db = copyOfStore();
        assertThat(columns(db)).contains("result_json");

        try (SqliteStore store = SqliteStore.open(db)) {
            assertThat(store.listRuns()).hasSize(3);
            assertThat(store.recorded(RecordedStoreMaker.FINISHED).orElseThrow().description().runFolder())
                    .isEqualTo("/tmp/mkstore/runs/" + RecordedStoreMaker.FINISHED);
            assertThat(store.budget(RecordedStoreMaker.BUDGET).calls()).isEqualTo(44L);
        }

        assertThat(columns(db)).doesNotContain("result_json").contains("elapsed_ms", "budget_calls");
        assertThat(ResumeAfterKillTest.query(db, "PRAGMA user_version")).isEqualTo("7"); // migrated to the latest: V3 answer reasoning, V4 attempt time, V5 usage estimates, V6 batches, V7 batch intents
        assertThat(ResumeAfterKillTest.query(db, "SELECT count(*) FROM evaluations WHERE purpose = 'test'"
                + " AND fields_json IS NULL")).isEqualTo("0");
        try (SqliteStore again = SqliteStore.open(db)) {
            assertThat(again.recorded(RecordedStoreMaker.STOPPED)).isPresent();
        }
    }

    @Test
    void optimize_and_report_write_the_same_run_folder() throws IOException {
        try (ModelServerStub stub = new ModelServerStub(TaskFolder.CAPITALS)) {
            String model = TaskFolder.openAi(stub.baseUrl(), "");
            Path task = new TaskFolder(dir.resolve("task")).task(TaskFolder.yaml(model, model, ""));
            Path db = dir.resolve("store.db");
            CliRunner.Outcome run = CliRunner.run(OptimizeAgainstStubTest.ENV, "optimize", task.toString(),
                    "--store", db.toString(), "--out", dir.resolve("runs").toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            Path first;
            try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
                first = runs.findFirst().orElseThrow();
            }
            String id = first.getFileName().toString();

            CliRunner.Outcome report = CliRunner.run(OptimizeAgainstStubTest.ENV, "report", id, "--store", db.toString(),
                    "--out", dir.resolve("again").toString());

            assertThat(report.exitCode()).as(report.err()).isZero();
            Path again = dir.resolve("again").resolve(id);
            for (String file : List.of(RunOutputs.BEST_PROMPT, RunOutputs.RESULT_JSON, RunOutputs.REPORT_HTML)) {
                assertThat(Files.readString(again.resolve(file))).as(file).isEqualTo(Files.readString(first.resolve(file)));
            }
            JsonNode result = JSON.readTree(first.resolve(RunOutputs.RESULT_JSON).toFile());
            assertThat(result.get("test").get("examples")).isNotEmpty();
            assertThat(result.get("iterations")).hasSize(2);
        }
    }

    private static List<String> columns(Path db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA table_info(runs)")) {
            while (rs.next()) out.add(rs.getString("name"));
        }
        return out;
    }
}
