package dev.gradsum.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.llm.CallPath;
import dev.gradsum.llm.Llm;
import dev.gradsum.model.RetryPolicy;
import dev.gradsum.model.Role;
import dev.gradsum.prompts.MetaPrompts;
import dev.gradsum.testing.ScriptedChatModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a request a module sent against the meta-prompt tag contract of prompts/README.md. */
public final class MetaPromptAssertions {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)\\.md` \\|[^|]*\\|([^|]*)\\|", Pattern.MULTILINE);
    private static final Pattern TAG = Pattern.compile("<[a-z_]+>");

    private MetaPromptAssertions() {
    }

    /** For each meta-prompt name, the tags README.md says its module inserts. */
    public static Map<String, Set<String>> readmeTags() {
        String readme;
        try (InputStream in = MetaPromptAssertions.class.getResourceAsStream("/dev/gradsum/prompts/README.md")) {
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, Set<String>> tags = new LinkedHashMap<>();
        Matcher row = ROW.matcher(readme);
        while (row.find()) {
            Set<String> inRow = new LinkedHashSet<>();
            Matcher tag = TAG.matcher(row.group(2));
            while (tag.find()) {
                inRow.add(tag.group());
            }
            tags.put(row.group(1), inRow);
        }
        return tags;
    }

    /** The request filled every placeholder of {@code metaPrompt} and carries every tag README.md lists for it. */
    public static void assertFilledWithAllTags(String request, String metaPrompt) {
        for (String placeholder : MetaPrompts.PLACEHOLDERS.get(metaPrompt)) {
            assertThat(request).as("placeholder {%s} of %s.md filled", placeholder, metaPrompt)
                    .doesNotContain("{" + placeholder + "}");
        }
        Set<String> tags = readmeTags().get(metaPrompt);
        assertThat(tags).as("README row for %s.md", metaPrompt).isNotEmpty();
        for (String tag : tags) {
            assertThat(request).as("tag %s in the %s request", tag, metaPrompt)
                    .contains(tag).contains("</" + tag.substring(1));
        }
    }

    /** An {@link Llm} over the scripted model on a fresh call path that does not retry. */
    public static Llm llm(Role role, ScriptedChatModel model) {
        return CallPath.builder().retryPolicy(RetryPolicy.none()).build().llm(role, model);
    }
}
