package dev.gradsum.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world of the CLI's end-to-end tests: a local model server ({@link ModelServerStub}, the capitals
 * task) started before each test and closed after it, and an empty task folder in a temporary directory.
 */
abstract class AgainstStub {
    @TempDir
    Path dir;
    ModelServerStub stub;
    TaskFolder folder;

    @BeforeEach
    void startStub() throws IOException {
        stub = new ModelServerStub(TaskFolder.CAPITALS);
        folder = new TaskFolder(dir.resolve("task"));
    }

    @AfterEach
    void closeStub() throws IOException {
        stub.close();
    }
}
