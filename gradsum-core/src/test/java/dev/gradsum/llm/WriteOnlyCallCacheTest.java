package dev.gradsum.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.model.Role;
import org.junit.jupiter.api.Test;

class WriteOnlyCallCacheTest {
    @Test
    void a_write_only_cache_stores_into_its_target_and_never_answers() {
        CallCache target = CallCache.inMemory();
        CallCache noCache = CallCache.writeOnly(target);
        LlmReply reply = new LlmReply("42", 3, 1, false);

        noCache.put("k", new CallRecord(Role.TARGET, "OTHER", "m", LlmRequest.user("q"), reply, 0));

        assertThat(noCache.answers()).isFalse();
        assertThat(noCache.get("k")).isEmpty();
        assertThat(target.get("k")).contains(reply);
    }
}
