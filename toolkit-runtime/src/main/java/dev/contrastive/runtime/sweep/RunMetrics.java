package dev.contrastive.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive.runtime.eval.Metric;
import dev.contrastive.runtime.eval.RunEvaluation;
import dev.contrastive.runtime.run.MetricsLog;
import dev.contrastive.runtime.run.RunDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run folder's {@code metrics.jsonl} says of the run, for the sweep's table. */
public final class RunMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunDirectory directory;
    private final List<JsonNode> records;

    private RunMetrics(RunDirectory directory, List<JsonNode> records) {
        this.directory = directory;
        this.records = records;
    }

    /** The records of {@code directory}'s log; none when it has no log yet. */
    public static RunMetrics of(RunDirectory directory) {
        try {
            return new RunMetrics(directory, MetricsLog.read(directory.metrics()));
        } catch (IOException e) {
            return new RunMetrics(directory, List.of());
        }
    }

    /** Whether the run trained all {@code epochs} and exported its encoder: a later invocation skips it. */
    boolean finished(int epochs) {
        return Files.isRegularFile(directory.encoder()) && trained(epochs);
    }

    /** Whether the log records all {@code epochs}: what a folder of kept logs, without encoders, can tell. */
    boolean trained(int epochs) {
        JsonNode epoch = MetricsLog.last(records, "epoch");
        return epoch != null && epoch.path("epoch").asInt() >= epochs;
    }

    /**
     * The run's results: the numbers of its last epoch record, then of its last evaluation of a
     * trained encoder (the linear probe of {@code eval:}); null before its first epoch.
     */
    private Map<String, Object> results() {
        JsonNode epoch = MetricsLog.last(records, "epoch");
        if (epoch == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> results = JSON.convertValue(epoch, LinkedHashMap.class);
        records.stream().filter(r -> "eval".equals(r.path("type").asText()))
                .filter(r -> !r.path("checkpoint").asText().equals(RunEvaluation.INIT)).reduce((a, b) -> b)
                .ifPresent(eval -> eval.fields().forEachRemaining(field -> {
                    if (field.getValue().isNumber() && !field.getKey().equals("epoch")) {
                        results.put(field.getKey(), field.getValue().numberValue());
                    }
                }));
        return results;
    }

    /** The numeric values of {@link #results()} but the epoch number; none before the first epoch. */
    public Map<String, Double> numbers() {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Object> record = results();
        if (record != null) {
            record.forEach((k, v) -> {
                if (v instanceof Number n && !k.equals("epoch")) {
                    values.put(k, n.doubleValue());
                }
            });
        }
        return values;
    }

    /** Sum of the {@code epoch_s} of every epoch record (training time of the run, all invocations); NaN for none. */
    double trainSeconds() {
        Map<Integer, Double> byEpoch = new LinkedHashMap<>();
        for (JsonNode record : records) {
            if ("epoch".equals(record.path("type").asText())) {
                byEpoch.put(record.path("epoch").asInt(), record.path(Metric.EPOCH_S.key()).asDouble());
            }
        }
        return byEpoch.isEmpty() ? Double.NaN : byEpoch.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
