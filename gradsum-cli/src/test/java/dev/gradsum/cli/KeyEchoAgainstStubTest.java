package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.ModelServerStub.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 11: a key a server echoes inside a 200 reply's content (here every judge verdict quotes
 * it, in a key format no pattern of FailureText knows) is masked where replies enter gradsum, so no
 * output, run file or store byte holds it.
 */
class KeyEchoAgainstStubTest extends AgainstStub {
    static final String KEY = "plainkey-SECRET-7f3a9c";
    static final Map<String, String> ENV = Map.of("STUB_KEY", KEY);


    @BeforeEach
    void start() throws IOException {
        stub.judgeReplies(input -> "{\"reasoning\": \"checked with key " + KEY + "\", \"score\": "
                + (input.contains(ModelServerStub.FIX) ? 1 : 0) + "}");
    }

    @Test
    void a_key_echoed_in_a_successful_reply_is_never_stored_or_printed() throws IOException {
        String model = TaskFolder.openAi(stub.baseUrl(), "");
        Path task = folder.task(TaskFolder.yaml(model, model, ""));

        CliRunner.Outcome optimized = CliRunner.run(ENV, "optimize", task.toString(), "--out", dir.resolve("runs").toString());
        CliRunner.Outcome evaluated = CliRunner.run(ENV, "eval", task.toString(), "--no-cache");

        assertThat(optimized.exitCode()).as(optimized.err()).isZero();
        assertThat(evaluated.exitCode()).as(evaluated.err()).isZero();
        assertThat(stub.count(Role.JUDGE)).isPositive();
        assertThat(stub.authorizations()).contains("Bearer " + KEY);
        assertThat(optimized.out() + optimized.err() + evaluated.out() + evaluated.err()).doesNotContain("SECRET");
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> written = files.filter(Files::isRegularFile).toList();
            assertThat(written).anyMatch(f -> f.endsWith("result.json")).anyMatch(f -> f.toString().endsWith(".db"));
            for (Path f : written) {
                // bytes as Latin-1, so the SQLite store (and its journal) is searched too
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain("SECRET");
            }
        }
        // the verdicts were read: the reasoning is kept, with the key masked
        assertThat(Files.readString(Files.list(dir.resolve("runs")).findFirst().orElseThrow().resolve("report.html")))
                .contains("checked with key ***");
    }
}
