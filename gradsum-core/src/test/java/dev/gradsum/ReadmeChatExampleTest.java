package dev.gradsum;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradsum.data.Dataset;
import dev.gradsum.data.PromptTemplate;
import dev.gradsum.search.OptimizationResult;
import dev.gradsum.simulation.SimulatedWorld;
import dev.gradsum.task.Criteria;
import dev.gradsum.task.Task;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's LangChain4j example (a chat prompt: the AI service's system message optimized, its user
 * template kept), run against the simulated world's models. The code between the {@code README} markers
 * must appear in README.md line for line (checked below), so the README shows what this test runs.
 */
class ReadmeChatExampleTest {
    /** Your LangChain4j AI service: its user template; the system message comes from the optimization. */
    interface Billing {
        @UserMessage("Order: {{order}}\n\nAmount:")
        String pay(@V("order") String order);
    }

    @Test
    void the_readme_ai_service_example_optimizes_the_system_message_and_keeps_the_user_template() {
        SimulatedWorld world = SimulatedWorld.create();
        ChatModel small = world.models().model(dev.gradsum.model.Role.TARGET);
        Dataset dataset = world.dataset();
        String order = dataset.examples().get(0).get("order");

        // README chat example begin
        String system = "You are a billing assistant. Work out what the customer pays for the order.";
        Task task = Task.builder()
                .name("billing")
                .description("Work out what the customer pays for an order.")
                .prompt(PromptTemplate.builder()
                        .system(system)                      // optimized: the default when there is one
                        .user("Order: {order}\n\nAmount:")   // the @UserMessage in gradsum's {name} form; kept
                        .build())
                .criteria(Criteria.binary("The answer is correct if it equals <EXPECTED ANSWER>.").expecting("answer"))
                .build();

        OptimizationResult result = GradSum.builder()
                .task(task)
                .models(world.models())                      // or ModelRoles.builder().target(small).optimizer(big).build()
                .dataset(dataset)
                .splitSizes(30, 30, 90)
                .iterations(4)
                .seed(7)
                .build()
                .optimize();

        String optimized = result.bestPrompt().message("system").orElseThrow().template().text();
        Billing billing = AiServices.builder(Billing.class)
                .chatModel(small)
                .systemMessageProvider(memoryId -> optimized) // or save it for @SystemMessage(fromResource = …)
                .build();
        System.out.println(billing.pay(order));
        // README chat example end

        assertThat(optimized).isNotEqualTo(system);
        assertThat(result.bestPrompt().message("user").orElseThrow().template().text()).isEqualTo("Order: {order}\n\nAmount:");
        assertThat(result.test().best()).isGreaterThan(result.test().initial() + 0.3);
        String expected = dataset.examples().get(0).get("answer");
        assertThat(billing.pay(order)).as("the AI service answers with the optimized system message")
                .isEqualTo(small.chat(dev.langchain4j.data.message.SystemMessage.from(optimized),
                        dev.langchain4j.data.message.UserMessage.from("Order: " + order + "\n\nAmount:")).aiMessage().text());
        assertThat(expected).isNotBlank();
    }

    @Test
    void the_readme_shows_the_code_this_test_runs() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/gradsum/ReadmeChatExampleTest.java"), StandardCharsets.UTF_8);
        String snippet = source.substring(source.indexOf("// README chat example begin\n") + "// README chat example begin\n".length(),
                source.indexOf("        // README chat example end"));
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        for (String line : snippet.strip().lines().toList()) {
            String code = line.strip();
            boolean standIn = code.contains("world.") || code.startsWith(".dataset(") || code.startsWith("System.out");
            if (!code.isEmpty() && !standIn) { // the simulated world's stand-ins read differently in the README
                assertThat(readme).as("README line").contains(code);
            }
        }
        assertThat(readme).contains("interface Billing {", "@UserMessage(\"Order: {{order}}\\n\\nAmount:\")");
    }
}
