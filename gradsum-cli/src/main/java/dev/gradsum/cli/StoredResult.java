package dev.gradsum.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.gradsum.GradSumException;
import dev.gradsum.OptimizationResult;
import dev.gradsum.cli.report.RunInfo;
import dev.gradsum.cli.report.TestEvaluations;
import dev.gradsum.task.PromptTemplate;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * What the store keeps of a finished run so {@code gradsum report ID} can write its run folder again
 * with the current report writers: the run's {@link RunInfo}, its {@link OptimizationResult}, the final
 * test's per-row evaluations, and the run folder it was written to. JSON made of the records
 * themselves (prompts as their text), versioned by {@link #VERSION}.
 *
 * @param runFolder the run folder the outputs were written to
 */
record StoredResult(int version, String runFolder, RunInfo info, OptimizationResult result, TestEvaluations tests) {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = mapper();

    StoredResult(String runFolder, RunInfo info, OptimizationResult result, TestEvaluations tests) {
        this(VERSION, runFolder, info, result, tests);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write run " + info.runId() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static StoredResult fromJson(String runId, String json) {
        try {
            StoredResult r = JSON.readValue(json, StoredResult.class);
            if (r.version() > VERSION) {
                throw new GradSumException("run " + runId + " was stored by a newer gradsum (result version "
                        + r.version() + "); upgrade gradsum to rewrite its report");
            }
            return r;
        } catch (JsonProcessingException e) {
            throw new GradSumException("run " + runId + ": the stored result cannot be read ("
                    + e.getOriginalMessage() + ")", e);
        }
    }

    private static ObjectMapper mapper() {
        SimpleModule m = new SimpleModule("gradsum-stored-result");
        m.addSerializer(PromptTemplate.class, new JsonSerializer<>() {
            @Override
            public void serialize(PromptTemplate p, JsonGenerator g, SerializerProvider s) throws IOException {
                g.writeString(p.text());
            }
        });
        m.addDeserializer(PromptTemplate.class, new JsonDeserializer<>() {
            @Override
            public PromptTemplate deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return PromptTemplate.of(p.getValueAsString());
            }
        });
        m.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant i, JsonGenerator g, SerializerProvider s) throws IOException {
                g.writeString(i.toString());
            }
        });
        m.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        m.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration d, JsonGenerator g, SerializerProvider s) throws IOException {
                g.writeNumber(d.toMillis());
            }
        });
        m.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Duration.ofMillis(p.getLongValue());
            }
        });
        return new ObjectMapper().registerModule(m)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
