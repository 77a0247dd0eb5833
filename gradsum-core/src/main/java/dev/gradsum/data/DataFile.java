package dev.gradsum.data;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.gradsum.exception.ConfigurationException;
import dev.gradsum.internal.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A data file being read: opens it as strict UTF-8 (a leading byte-order mark is skipped) and words
 * errors as {@code file:line: what is wrong}, using the file name as the user gave it.
 */
final class DataFile {
    private static final int BUFFER = 1 << 16;

    /**
     * Jackson's default limits (20M characters per string, 1000 digits per number) lifted for data: a
     * value is whatever the file holds (a JSON Lines line is in memory already when it is parsed).
     */
    static final StreamReadConstraints NO_VALUE_LIMITS = StreamReadConstraints.builder()
            .maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).build();

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

    /** Opens the file for reading text; a missing, unreadable or non-file path is a ConfigurationException. */
    BufferedReader open() {
        if (Files.isDirectory(path)) {
            throw whole("is a directory, not a data file");
        }
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(Files.newInputStream(path), decoder), BUFFER);
            skipByteOrderMark(reader);
            return reader;
        } catch (CharacterCodingException e) {
            throw notUtf8();
        } catch (IOException e) {
            throw whole(TextFiles.problem(path, e));
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
        return at(line, TextFiles.problem(path, e));
    }

    /** Text is decoded ahead of the line being parsed, so the bad byte is located by a second, exact pass. */
    private ConfigurationException notUtf8() {
        int line = TextFiles.lineOfInvalidUtf8(path);
        return line > 0 ? at(line, TextFiles.NOT_UTF8) : whole(TextFiles.NOT_UTF8);
    }
}
