package dev.gradsum.llm;

import dev.gradsum.model.Role;

/** What the cache stores for one answered call: who answered what, for how much. */
public record CallRecord(Role role, String provider, String model, LlmRequest request, LlmReply reply, double costUsd) {
}
