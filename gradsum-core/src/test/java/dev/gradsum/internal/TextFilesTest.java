package dev.gradsum.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, item 9: the words for an unreadable user file, shared by task, prompt and data files. */
class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void each_failure_is_named_in_the_users_words() throws IOException {
        Path file = Files.writeString(dir.resolve("task.yaml"), "a: 1\n");
        assertThat(TextFiles.problem(file, new AccessDeniedException(file.toString()))).isEqualTo("permission denied");
        assertThat(TextFiles.problem(dir.resolve("nope"), new NoSuchFileException("nope"))).isEqualTo("file not found");
        assertThat(TextFiles.problem(dir, new IOException("Is a directory"))).isEqualTo("is a directory, not a file");
    }

    @Test
    void latin1_text_is_not_read_and_its_first_bad_byte_is_located() throws IOException {
        Path file = dir.resolve("task.yaml");
        Files.write(file, "name: x\ndescription: d\u00e9j\u00e0\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> TextFiles.readUtf8(file)).isInstanceOf(CharacterCodingException.class);
        assertThat(TextFiles.lineOfInvalidUtf8(file)).isEqualTo(2);
    }

    @Test
    void a_byte_order_mark_is_dropped() throws IOException {
        Path file = Files.writeString(dir.resolve("p.txt"), "\uFEFFhello", StandardCharsets.UTF_8);
        assertThat(TextFiles.readUtf8(file)).isEqualTo("hello");
    }
}
