package dev.gradsum.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one rule for reading a user's text file (task file, prompt file, data file): strict UTF-8, a
 * leading byte-order mark skipped, and the words for what went wrong ({@code file not found},
 * {@code is a directory, not a file}, {@code permission denied}, {@code not valid UTF-8 text} with the
 * line of the first bad byte). Callers put the file's name, or their key, in front.
 */
public final class TextFiles {
    /** What a file that is not UTF-8 is told. */
    public static final String NOT_UTF8 = "not valid UTF-8 text; save the file as UTF-8";

    private TextFiles() {
    }

    /** The whole file as strict UTF-8; a byte-order mark is dropped. */
    public static String readUtf8(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException(path + ": is a directory");
        }
        byte[] bytes = Files.readAllBytes(path);
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** What went wrong reading {@code path}, in the user's words (no file name, no line). */
    public static String problem(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "file not found";
        }
        if (Files.isDirectory(path)) {
            return "is a directory, not a file";
        }
        if (e instanceof AccessDeniedException || (Files.exists(path) && !Files.isReadable(path))) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return NOT_UTF8;
        }
        return "cannot read: " + e.getMessage();
    }

    /** The 1-based line of the first byte that is not UTF-8, or 0 when every byte is (or the file is unreadable). */
    public static int lineOfInvalidUtf8(Path path) {
        try {
            byte[] bytes = Files.readAllBytes(path);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(bytes.length), true);
            if (!result.isError()) {
                return 0;
            }
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            return line;
        } catch (IOException | OutOfMemoryError e) {
            return 0;
        }
    }
}
