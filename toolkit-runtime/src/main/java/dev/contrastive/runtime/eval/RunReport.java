package dev.contrastive.runtime.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.io.AtomicFiles;
import dev.contrastive.runtime.run.MetricsLog;
import dev.contrastive.runtime.run.RunDirectory;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A run's {@code report.md}: its configuration in brief, the final metrics (last epoch record,
 * every {@code eval} record), wall time and throughput, and the plots {@code loss.png} (loss terms
 * and learning rate per logged step) and {@code accuracy.png} (kNN and online probe top-1 per epoch). Everything comes
 * from {@code config.yaml} and {@code metrics.jsonl}, so a report can be redrawn at any time.
 */
public final class RunReport {

    /** Numeric fields of step records that are not loss terms (nor accuracies). */
    private static final Set<String> NOT_LOSS = Set.of("epoch", "step", "lr", "images_per_s", "data_wait_share");

    /** The per-epoch accuracies plotted: kNN monitor, online probe on its batches and on the test split. */
    private static final List<String> ACCURACIES = Stream.of(Metric.KNN_TOP1, Metric.KNN_STRONG_TOP1,
            Metric.ONLINE_LINEAR_TOP1, Metric.ONLINE_LINEAR_TEST_TOP1).map(Metric::key).toList();

    /** The columns of the evaluations table, where any evaluation has them. */
    private static final List<String> EVAL_COLUMNS = Stream.of(Metric.KNN_TOP1, Metric.KNN_STRONG_TOP1,
            Metric.LINEAR_TOP1, Metric.LINEAR_TOP5, Metric.LINEAR_L2).map(Metric::key).toList();

    private RunReport() {
    }

    /**
     * (Re)writes {@code report.md} and its plots in the run folder; a plot without data is left out.
     *
     * @return the report file
     * @throws UserError if the folder's files cannot be read or written
     */
    public static Path write(RunDirectory run) {
        Path root = run.root();
        try {
            JsonNode config = new YAMLMapper().readTree(run.config().toFile());
            List<JsonNode> records = MetricsLog.read(run.metrics());
            TreeMap<Double, JsonNode> steps = lastPer(records, "step", "step");
            TreeMap<Double, JsonNode> epochs = lastPer(records, "epoch", "epoch");
            List<JsonNode> evals = records.stream().filter(r -> "eval".equals(r.path("type").asText())).toList();
            StringBuilder md = new StringBuilder();
            md.append("# Run report: ").append(text(config, "name")).append("\n\n");
            summary(md, config);
            results(md, config, epochs, evals);
            time(md, steps, epochs);
            md.append("## Plots\n\n");
            boolean any = false;
            if (lossPlot(steps, root.resolve("loss.png"))) {
                md.append("![Loss terms and learning rate per step](loss.png)\n\n");
                any = true;
            }
            if (accuracyPlot(epochs, root.resolve("accuracy.png"))) {
                md.append("![Accuracy per epoch](accuracy.png)\n\n");
                any = true;
            }
            if (!any) {
                md.append("No step or epoch records in metrics.jsonl yet.\n");
            }
            Path report = root.resolve("report.md");
            AtomicFiles.write(report, md.toString().getBytes(StandardCharsets.UTF_8));
            return report;
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot write the report of " + root + ": " + e.getMessage());
        }
    }

    /** Records of one type by a numeric key, the last record winning (a resumed run logs some twice). */
    private static TreeMap<Double, JsonNode> lastPer(List<JsonNode> records, String type, String key) {
        TreeMap<Double, JsonNode> last = new TreeMap<>();
        for (JsonNode record : records) {
            if (type.equals(record.path("type").asText()) && record.path(key).isNumber()) {
                last.put(record.get(key).asDouble(), record);
            }
        }
        return last;
    }

    private static void summary(StringBuilder md, JsonNode config) {
        JsonNode data = config.path("data");
        JsonNode model = config.path("model");
        JsonNode train = config.path("train");
        int limit = data.path("limit").asInt(0);
        md.append("| setting | value |\n|---|---|\n");
        row(md, "objective", text(config, "objective"));
        row(md, "backbone", text(model, "backbone") + ", width " + text(model, "width") + ", "
                + text(model, "stem") + " stem");
        row(md, "data", text(data, "dataset") + (limit > 0 ? ", first " + limit + " train images" : ""));
        row(md, "epochs", text(train, "epochs"));
        row(md, "batch size", text(train, "batch_size"));
        row(md, "learning rate", text(train, "lr"));
        row(md, "seed", text(config, "seed"));
        md.append('\n');
    }

    private static void results(StringBuilder md, JsonNode config, TreeMap<Double, JsonNode> epochs,
            List<JsonNode> evals) {
        md.append("## Final metrics\n\n");
        if (epochs.isEmpty() && evals.isEmpty()) {
            md.append("No epoch has finished yet.\n\n");
            return;
        }
        if (!epochs.isEmpty()) {
            JsonNode last = epochs.lastEntry().getValue();
            md.append("Last epoch (").append(last.get("epoch").asInt()).append(" of ")
                    .append(text(config.path("train"), "epochs")).append("):\n\n");
            metrics(md, last, Set.of("type", "epoch", Metric.EPOCH_S.key(), Metric.KNN_S.key()));
        }
        if (!evals.isEmpty()) {
            evaluations(md, evals);
        }
    }

    /** Every evaluation, oldest first: a trained encoder beside its initialisation ({@code init}). */
    private static void evaluations(StringBuilder md, List<JsonNode> evals) {
        List<String> columns = EVAL_COLUMNS.stream().filter(c -> evals.stream().anyMatch(e -> e.has(c))).toList();
        md.append("Evaluations (`eval:` at the end of training, `toolkit eval`):\n\n| encoder | epoch | ")
                .append(String.join(" | ", columns)).append(" |\n|---|---|")
                .append("---|".repeat(columns.size())).append('\n');
        for (JsonNode eval : evals) {
            md.append("| ").append(eval.path("checkpoint").asText("?")).append(" | ")
                    .append(eval.path("epoch").asText("?"));
            for (String column : columns) {
                JsonNode value = eval.path(column);
                md.append(" | ").append(value.isNumber() ? format(column, value.asDouble()) : "-");
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    private static void metrics(StringBuilder md, JsonNode record, Set<String> skip) {
        md.append("| metric | value |\n|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!skip.contains(field.getKey()) && value.isNumber()) {
                row(md, field.getKey(), value.isIntegralNumber() ? value.asText()
                        : format(field.getKey(), value.asDouble()));
            }
        }
        md.append('\n');
    }

    private static void time(StringBuilder md, TreeMap<Double, JsonNode> steps, TreeMap<Double, JsonNode> epochs) {
        md.append("## Time\n\n| measure | value |\n|---|---|\n");
        double seconds = epochs.values().stream().mapToDouble(r -> r.path(Metric.EPOCH_S.key()).asDouble(0)).sum();
        double knn = epochs.values().stream().mapToDouble(r -> r.path(Metric.KNN_S.key()).asDouble(0)).sum();
        row(md, "training", epochs.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f s over %d epochs (sum of "
                + "the epochs' step times)", seconds, epochs.size()));
        row(md, "kNN monitor", knn == 0 ? "-" : String.format(Locale.ROOT, "%.1f s (after the epochs, summed)", knn));
        JsonNode lastStep = steps.isEmpty() ? null : steps.lastEntry().getValue();
        row(md, "throughput", lastStep == null || !lastStep.has("images_per_s") ? "-"
                : String.format(Locale.ROOT, "%.1f images/s (last logged step, %d)",
                        lastStep.get("images_per_s").asDouble(), lastStep.get("step").asLong()));
        md.append('\n');
    }

    private static boolean lossPlot(Map<Double, JsonNode> steps, Path png) throws IOException {
        Map<String, Series> terms = new LinkedHashMap<>();
        Series lr = new Series();
        for (Map.Entry<Double, JsonNode> step : steps.entrySet()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = step.getValue().fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNumber() && !NOT_LOSS.contains(field.getKey())
                        && !ACCURACIES.contains(field.getKey())) {
                    terms.computeIfAbsent(field.getKey(), k -> new Series()).add(step.getKey(),
                            field.getValue().asDouble());
                }
            }
            if (step.getValue().path("lr").isNumber()) {
                lr.add(step.getKey(), step.getValue().get("lr").asDouble());
            }
        }
        if (terms.isEmpty() || lr.x.isEmpty()) {
            return false;
        }
        Map<String, RunReportPlots.Line> lines = new LinkedHashMap<>();
        terms.forEach((name, series) -> lines.put(name, series.line()));
        RunReportPlots.loss(lines, lr.line(), png);
        return true;
    }

    private static boolean accuracyPlot(Map<Double, JsonNode> epochs, Path png) throws IOException {
        Map<String, RunReportPlots.Line> lines = new LinkedHashMap<>();
        for (String metric : ACCURACIES) {
            Series series = new Series();
            epochs.forEach((epoch, record) -> {
                if (record.path(metric).isNumber()) {
                    series.add(epoch, 100 * record.get(metric).asDouble());
                }
            });
            if (!series.x.isEmpty()) {
                lines.put(metric, series.line());
            }
        }
        if (lines.isEmpty()) {
            return false;
        }
        RunReportPlots.accuracy("Top-1 accuracy per epoch", lines, png);
        return true;
    }

    /** Points gathered one by one. */
    private static final class Series {
        private final List<Double> x = new ArrayList<>();
        private final List<Double> y = new ArrayList<>();

        void add(double at, double value) {
            if (Double.isFinite(value)) {
                x.add(at);
                y.add(value);
            }
        }

        RunReportPlots.Line line() {
            return new RunReportPlots.Line(x.stream().mapToDouble(Double::doubleValue).toArray(),
                    y.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        return value.isMissingNode() || value.isNull() ? "?" : value.asText();
    }

    /** Accuracies as percentages, seconds with one decimal, anything else with four significant digits. */
    private static String format(String key, double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (key.contains("top1") || key.contains("top5")) {
            return String.format(Locale.ROOT, "%.2f%%", 100 * value);
        }
        if (key.endsWith("_s")) {
            return String.format(Locale.ROOT, "%.1f s", value);
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toString();
    }
}
