package dev.gradsum.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradsum.data.Dataset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Generates a large JSONL dataset and measures how long gradsum takes to load it and what it keeps in memory. */
final class DatasetLoad {
    private DatasetLoad() {
    }

    record Result(long millis, long cpuMillis, long retainedBytes, long peakBytes, int rows) {
    }

    /** {@code rows} rows shaped like a QA benchmark: id, a ~300-character question, a context, an answer. */
    static void generate(Path file, int rows) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(7);
        String[] words = "the of and to a in is that for it as was with be by on not he this are or his from at which"
                .split(" ");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", "row-" + i);
                row.put("question", sentence(random, words, 50));
                row.put("choices", new String[] {sentence(random, words, 4), sentence(random, words, 4),
                        sentence(random, words, 4), sentence(random, words, 4)});
                row.put("answer", String.valueOf(random.nextInt(1000)));
                out.write(json.writeValueAsString(row));
                out.newLine();
            }
        }
    }

    private static String sentence(Random random, String[] words, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        return s.toString();
    }

    static Result measure(Path file) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long before = usedAfterGc();
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        Dataset dataset = Dataset.fromJsonl(file);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long after = usedAfterGc();
        int rows = dataset.size();
        return new Result(millis, cpuMillis, after - before, peak, rows);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
