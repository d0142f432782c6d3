package dev.contrastive.runtime.sweep;

import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.eval.Metric;
import dev.contrastive.runtime.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Writes a sweep's {@code results.csv}, {@code results.md} and {@code results.png}. */
final class SweepResults {

    private final SweepFile sweep;
    private final Path dir;

    SweepResults(SweepFile sweep, Path dir) {
        this.sweep = sweep;
        this.dir = dir;
    }

    /** Mean, sample standard deviation and count of one metric over a group's finished runs. */
    record Stat(double mean, double std, int n) {
        static Stat of(List<Double> values) {
            int n = values.size();
            double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0, n);
        }
    }

    /**
     * The metrics reported: the sweep file's, or knn_top1 and, where any run has them,
     * knn_strong_top1, linear_top1 and online_linear_test_top1.
     */
    List<String> metrics(List<RunResult> results) {
        if (!sweep.metrics().isEmpty()) {
            return sweep.metrics();
        }
        List<String> metrics = new ArrayList<>(List.of(Metric.KNN_TOP1.key()));
        for (String optional : Stream.of(Metric.KNN_STRONG_TOP1, Metric.LINEAR_TOP1, Metric.ONLINE_LINEAR_TEST_TOP1)
                .map(Metric::key).toList()) {
            if (results.stream().anyMatch(r -> r.metrics().containsKey(optional))) {
                metrics.add(optional);
            }
        }
        return metrics;
    }

    void write(List<RunResult> results) {
        List<String> metrics = metrics(results);
        try {
            AtomicFiles.write(dir.resolve("results.csv"), csv(results, metrics).getBytes(StandardCharsets.UTF_8));
            Map<String, Map<String, Stat>> groups = groups(results, metrics);
            AtomicFiles.write(dir.resolve("results.md"),
                    markdown(results, metrics, groups).getBytes(StandardCharsets.UTF_8));
            if (groups.values().stream().anyMatch(m -> !m.isEmpty())) {
                AtomicFiles.write(dir.resolve("results.png"), png(metrics, groups));
            }
        } catch (IOException e) {
            throw new UserError(UserError.TRAINING, "cannot write the results in " + dir + ": " + e.getMessage());
        }
    }

    String csv(List<RunResult> results, List<String> metrics) {
        Set<String> keys = new LinkedHashSet<>();
        results.forEach(r -> keys.addAll(r.variant().overrides().keySet()));
        List<String> header = new ArrayList<>();
        header.add("variant");
        header.addAll(keys);
        header.add("status");
        header.addAll(metrics);
        header.add("train_s");
        header.add("wall_s");
        header.add("error");
        StringBuilder csv = new StringBuilder(row(header));
        for (RunResult r : results) {
            List<String> cells = new ArrayList<>();
            cells.add(r.variant().id());
            keys.forEach(k -> cells.add(r.variant().overrides().getOrDefault(k, "")));
            cells.add(r.status().toString());
            metrics.forEach(m -> cells.add(number(r.metrics().get(m), "%.6f")));
            cells.add(number(r.trainSeconds(), "%.1f"));
            cells.add(number(r.wallSeconds(), "%.1f"));
            cells.add(r.error() == null ? "" : r.error());
            csv.append(row(cells));
        }
        return csv.toString();
    }

    private static String number(Double value, String format) {
        return value == null || value.isNaN() ? "" : String.format(Locale.ROOT, format, value);
    }

    private static String row(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            quoted.add(cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                    ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        return String.join(",", quoted) + "\n";
    }

    /** Group (overrides without seed) to metric to statistics of its finished runs; every group, in order. */
    Map<String, Map<String, Stat>> groups(List<RunResult> results, List<String> metrics) {
        Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
        for (RunResult r : results) {
            Map<String, List<Double>> group = values.computeIfAbsent(r.variant().group(), g -> new LinkedHashMap<>());
            if (r.finished()) {
                for (String m : metrics) {
                    Double v = r.metrics().get(m);
                    if (v != null && !v.isNaN()) {
                        group.computeIfAbsent(m, k -> new ArrayList<>()).add(v);
                    }
                }
            }
        }
        Map<String, Map<String, Stat>> stats = new LinkedHashMap<>();
        values.forEach((group, byMetric) -> {
            Map<String, Stat> s = new LinkedHashMap<>();
            byMetric.forEach((m, list) -> s.put(m, Stat.of(list)));
            stats.put(group, s);
        });
        return stats;
    }

    private String baselineGroup(List<RunResult> results) {
        if (sweep.baseline() == null) {
            return null;
        }
        return results.stream().filter(r -> Overrides.withoutSeed(r.variant().overrides()).equals(sweep.baseline()))
                .map(r -> r.variant().group()).findFirst().orElse(null);
    }

    private static boolean percent(String metric) {
        return Metric.of(metric).filter(Metric::isShare).isPresent();
    }

    private static String show(String metric, double value) {
        return Metric.show(metric, value);
    }

    String markdown(List<RunResult> results, List<String> metrics, Map<String, Map<String, Stat>> groups) {
        String baseline = baselineGroup(results);
        StringBuilder md = new StringBuilder("# Sweep " + sweep.name() + "\n\n");
        long ok = results.stream().filter(RunResult::finished).count();
        long failed = results.stream().filter(r -> r.status() == RunStatus.FAILED).count();
        long pending = results.stream().filter(r -> r.status() == RunStatus.PENDING).count();
        md.append("Base run file `").append(sweep.base()).append("`; ").append(results.size()).append(" runs: ")
                .append(ok).append(" finished, ").append(failed).append(" failed, ").append(pending)
                .append(" pending. Mean ± standard deviation over each group's seeds, n runs");
        md.append(metrics.stream().anyMatch(SweepResults::percent) ? "; top-1 figures in %." : ".");
        if (baseline != null) {
            md.append(" Δ: difference of the group's mean to the baseline group `").append(baseline).append("`.");
        }
        md.append(" train s: training seconds per run.");
        md.append("\n\n| group | n |");
        for (String m : metrics) {
            md.append(' ').append(m).append(" |");
            if (baseline != null) {
                md.append(" Δ ").append(m).append(" |");
            }
        }
        md.append(" train s |\n|---|---|");
        md.append(("---|" + (baseline != null ? "---|" : "")).repeat(metrics.size()));
        md.append("---|\n");
        Map<String, Stat> base = baseline == null ? Map.of() : groups.getOrDefault(baseline, Map.of());
        groups.forEach((group, stats) -> {
            int n = stats.values().stream().mapToInt(Stat::n).max().orElse(0);
            md.append("| ").append(group.equals(baseline) ? "**" + group + "** (baseline)" : group)
                    .append(" | ").append(n).append(" |");
            for (String m : metrics) {
                Stat s = stats.get(m);
                md.append(' ').append(s == null ? "–" : show(m, s.mean()) + " ± " + show(m, s.std())).append(" |");
                if (baseline != null) {
                    Stat b = base.get(m);
                    String delta = s == null || b == null ? "–" : group.equals(baseline) ? "0"
                            : (s.mean() >= b.mean() ? "+" : "−") + show(m, Math.abs(s.mean() - b.mean()));
                    md.append(' ').append(delta).append(" |");
                }
            }
            Stat seconds = trainSeconds(results, group);
            md.append(' ').append(seconds == null ? "–" : String.format(Locale.ROOT, "%.0f ± %.0f", seconds.mean(),
                    seconds.std())).append(" |\n");
        });
        md.append(comparisons(results, metrics));
        List<RunResult> failures = results.stream().filter(r -> r.status() == RunStatus.FAILED).toList();
        if (!failures.isEmpty()) {
            md.append("\n## Failed runs\n\n");
            for (RunResult r : failures) {
                md.append("- `").append(r.variant().id()).append("`: ")
                        .append(r.error().replace('\n', ' ')).append('\n');
            }
        }
        List<RunResult> waiting = results.stream().filter(r -> r.status() == RunStatus.PENDING).toList();
        if (!waiting.isEmpty()) {
            md.append("\n## Pending runs\n\n");
            waiting.forEach(r -> md.append("- `").append(r.variant().id()).append("`\n"));
        }
        md.append("\nRuns in `runs/<variant>/`; one row per run in `results.csv`.\n");
        return md.toString();
    }

    private static Stat trainSeconds(List<RunResult> results, String group) {
        List<Double> seconds = results.stream().filter(r -> r.finished() && r.variant().group().equals(group))
                .map(RunResult::trainSeconds).filter(t -> !t.isNaN()).toList();
        return seconds.isEmpty() ? null : Stat.of(seconds);
    }

    /**
     * The {@code compare:} section: per pair of groups and metric, the mean ± std over seeds of
     * the seed-by-seed difference, from the seeds both groups finished.
     */
    String comparisons(List<RunResult> results, List<String> metrics) {
        if (sweep.comparisons().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Comparisons\n\nEach row: group minus the group it is compared "
                + "with, run by run on the seeds both finished (n), mean ± std over those seeds.\n\n| group | against "
                + "| n |");
        metrics.forEach(m -> md.append(" Δ ").append(m).append(" |"));
        md.append(" Δ train s |\n|---|---|---|").append("---|".repeat(metrics.size() + 1)).append('\n');
        for (SweepFile.Comparison c : sweep.comparisons()) {
            Map<String, RunResult> group = bySeed(results, c.group());
            Map<String, RunResult> against = bySeed(results, c.against());
            List<String> seeds = group.keySet().stream().filter(against::containsKey).toList();
            md.append("| ").append(Overrides.slug(c.group())).append(" | ").append(Overrides.slug(c.against()))
                    .append(" | ").append(seeds.size()).append(" |");
            for (String m : metrics) {
                List<Double> deltas = new ArrayList<>();
                for (String seed : seeds) {
                    Double a = group.get(seed).metrics().get(m);
                    Double b = against.get(seed).metrics().get(m);
                    if (a != null && b != null && !a.isNaN() && !b.isNaN()) {
                        deltas.add(a - b);
                    }
                }
                md.append(' ').append(deltas.isEmpty() ? "–" : signed(m, Stat.of(deltas))).append(" |");
            }
            List<Double> seconds = seeds.stream()
                    .map(seed -> group.get(seed).trainSeconds() - against.get(seed).trainSeconds()).toList();
            md.append(' ').append(seconds.isEmpty() ? "–" : String.format(Locale.ROOT, "%+.0f", Stat.of(seconds).mean()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String signed(String metric, Stat delta) {
        return (delta.mean() >= 0 ? "+" : "−") + show(metric, Math.abs(delta.mean())) + " ± " + show(metric, delta.std());
    }

    /** The finished runs of a group by their seed. */
    private static Map<String, RunResult> bySeed(List<RunResult> results,
            Map<String, String> group) {
        Map<String, RunResult> runs = new LinkedHashMap<>();
        for (RunResult r : results) {
            if (r.finished() && Overrides.withoutSeed(r.variant().overrides()).equals(group)) {
                runs.put(r.variant().overrides().getOrDefault(Overrides.SEED, ""), r);
            }
        }
        return runs;
    }

    byte[] png(List<String> metrics, Map<String, Map<String, Stat>> groups) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        boolean allPercent = metrics.stream().allMatch(SweepResults::percent);
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(700, 160 * groups.size())).height(500)
                .title("Sweep " + sweep.name() + ": mean ± std over seeds").xAxisTitle("group")
                .yAxisTitle(allPercent ? "top-1 (%)" : "value").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
        chart.getStyler().setXAxisLabelRotation(groups.size() > 3 ? 20 : 0);
        for (String m : metrics) {
            List<String> names = new ArrayList<>();
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            groups.forEach((group, stats) -> {
                Stat s = stats.get(m);
                names.add(group);
                double scale = percent(m) ? 100 : 1;
                means.add(s == null ? 0.0 : scale * s.mean());
                errors.add(s == null ? 0.0 : scale * s.std());
            });
            if (names.isEmpty()) {
                continue;
            }
            chart.addSeries(m, names, means, errors);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
