package dev.gradsum.data;

import dev.gradsum.exception.ConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A data file being read: opens it as strict UTF-8 (a leading byte-order mark is skipped) and words
 * errors as {@code file:line: what is wrong}, using the file name as the user gave it.
 */
final class DataFile {
    private static final int BUFFER = 1 << 16;

    private final Path path;
    private final String label;

    DataFile(Path path) {
        this.path = path;
        this.label = path.toString();
    }

    /** The file name as given, used as the dataset name and in every message. */
    String label() {
        return label;
    }

    /** Opens the file for reading text; a missing file or directory is a ConfigurationException. */
    BufferedReader open() {
        if (Files.isDirectory(path)) {
            throw new ConfigurationException(label + ": is a directory, not a data file");
        }
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(Files.newInputStream(path), decoder), BUFFER);
            skipByteOrderMark(reader);
            return reader;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(label + ": file not found");
        } catch (CharacterCodingException e) {
            throw notUtf8();
        } catch (IOException e) {
            throw new ConfigurationException(label + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    ConfigurationException at(int line, String what) {
        return new ConfigurationException(label + ":" + line + ": " + what);
    }

    ConfigurationException whole(String what) {
        return new ConfigurationException(label + ": " + what);
    }

    /** An I/O failure while reading, near {@code line}; invalid UTF-8 names the line of the first bad byte. */
    ConfigurationException readFailure(int line, IOException e) {
        if (e instanceof CharacterCodingException) {
            return notUtf8();
        }
        return at(line, "cannot read: " + e.getMessage());
    }

    /** Text is decoded ahead of the line being parsed, so the bad byte is located by a second, exact pass. */
    private ConfigurationException notUtf8() {
        int line = 0;
        try {
            byte[] bytes = Files.readAllBytes(path);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            CoderResult result = StandardCharsets.UTF_8.newDecoder()
                    .decode(in, CharBuffer.allocate(bytes.length), true);
            if (result.isError()) {
                line = 1;
                for (int i = 0; i < in.position(); i++) {
                    if (bytes[i] == '\n') {
                        line++;
                    }
                }
            }
        } catch (IOException | OutOfMemoryError ignored) {
            // fall through: report without a line number
        }
        String what = "not valid UTF-8 text; save the file as UTF-8";
        return line > 0 ? at(line, what) : whole(what);
    }
}
