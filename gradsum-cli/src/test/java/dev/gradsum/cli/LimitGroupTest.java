package dev.gradsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.cli.provider.ModelSpec;
import dev.gradsum.cli.provider.Provider;
import org.junit.jupiter.api.Test;

class LimitGroupTest {
    private static ModelSpec spec(Provider provider, String baseUrl) {
        return new ModelSpec("target", provider, "m", null, baseUrl, null, null, null, null);
    }

    @Test
    void a_local_server_and_openai_get_concurrency_limits_of_their_own() {
        assertThat(TaskRun.limitGroup(spec(Provider.OLLAMA, null))).isEqualTo("ollama@http://localhost:11434/v1");
        assertThat(TaskRun.limitGroup(spec(Provider.OPENAI, null))).isEqualTo("openai");
        assertThat(TaskRun.limitGroup(spec(Provider.VLLM, "http://gpu-box:8000/v1")))
                .isEqualTo("vllm@http://gpu-box:8000/v1")
                .isNotEqualTo(TaskRun.limitGroup(spec(Provider.VLLM, "http://other-box:8000/v1")));
    }
}
