/**
 * gradsum: GRAD-SUM prompt optimization (Austin &amp; Chartock, 2024, arXiv 2407.12865) for the JVM.
 *
 * <p>What a user of the library sees: {@link dev.gradsum.GradSum} (the builder, {@code optimize()},
 * recorded and resumed runs), the task and its data ({@link dev.gradsum.task}, {@link dev.gradsum.data}),
 * metrics, meta-prompts, the models per role with pricing, budget and retries
 * ({@link dev.gradsum.model}), the search's options and results ({@link dev.gradsum.search}), the SQLite
 * store of runs and answered calls ({@link dev.gradsum.store}), and the exceptions. Everything else (the
 * call path, the five modules, the loop, what the store records, the simulated world, low-level helpers)
 * is internal: exported only to gradsum's own command line, bench and JUnit 5 module (the last reads the
 * call path, the modules' ratings and the engine's baseline rule).
 */
module dev.gradsum.core {
    requires transitive langchain4j.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.csv;
    requires org.xerial.sqlitejdbc;
    requires java.sql;
    requires java.net.http;

    exports dev.gradsum;
    exports dev.gradsum.exception;
    exports dev.gradsum.data;
    exports dev.gradsum.task;
    exports dev.gradsum.metric;
    exports dev.gradsum.prompts;
    exports dev.gradsum.model;
    exports dev.gradsum.search;
    exports dev.gradsum.store;

    exports dev.gradsum.engine to dev.gradsum.cli, dev.gradsum.bench, dev.gradsum.junit;
    exports dev.gradsum.llm to dev.gradsum.cli, dev.gradsum.bench, dev.gradsum.junit;
    exports dev.gradsum.modules to dev.gradsum.cli, dev.gradsum.bench, dev.gradsum.junit;
    exports dev.gradsum.recording to dev.gradsum.cli, dev.gradsum.bench;
    exports dev.gradsum.simulation to dev.gradsum.cli, dev.gradsum.bench;
    exports dev.gradsum.internal to dev.gradsum.cli, dev.gradsum.bench, dev.gradsum.junit;
}
