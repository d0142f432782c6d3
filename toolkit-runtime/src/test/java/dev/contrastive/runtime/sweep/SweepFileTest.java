package dev.contrastive.runtime.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contrastive.api.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sweep files: the product of the axes, explicit variants crossed with the seeds, the baseline. */
class SweepFileTest {

    @TempDir
    Path dir;

    private SweepFile load(String text) throws IOException {
        Files.writeString(dir.resolve("base.yaml"), "objective: moco\n");
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, text);
        return SweepFile.load(file);
    }

    @Test
    void productAndExplicitVariantsWithStableIds() throws IOException {
        SweepFile sweep = load("""
                name: reps
                base: base.yaml
                axes:
                  augment.strong.repeats: [1, 3]
                  seed: [0, 1]
                variants:
                  - {objective: moco}
                baseline: {objective: moco}
                """);
        assertThat(sweep.name()).isEqualTo("reps");
        assertThat(sweep.variants()).extracting(SweepFile.Variant::id).containsExactly(
                "seed=0,augment.strong.repeats=1", "seed=1,augment.strong.repeats=1",
                "seed=0,augment.strong.repeats=3", "seed=1,augment.strong.repeats=3",
                "seed=0,objective=moco", "seed=1,objective=moco");
        assertThat(sweep.variants().get(5).group()).isEqualTo("objective=moco");
        assertThat(sweep.variants().get(0).sets()).containsExactly("seed=0", "augment.strong.repeats=1");
        assertThat(sweep.baseline()).containsEntry("objective", "moco");
    }

    @Test
    void compareReportsTheSeedBySeedDifferenceOfTwoGroups() throws IOException {
        SweepFile sweep = load("""
                base: base.yaml
                axes:
                  objective: [moco, moco+clsa]
                  seed: [0, 1, 2]
                compare:
                  - {group: {objective: moco+clsa}, against: {objective: moco}}
                """);
        assertThat(sweep.comparisons()).containsExactly(new SweepFile.Comparison(
                java.util.Map.of("objective", "moco+clsa"), java.util.Map.of("objective", "moco")));
        // seed 2 of moco+clsa failed: the difference uses seeds 0 and 1 only
        double[][] top1 = {{0.70, 0.72, 0.90}, {0.75, 0.73, Double.NaN}};
        java.util.List<RunResult> results = new java.util.ArrayList<>();
        for (SweepFile.Variant v : sweep.variants()) {
            int group = v.overrides().get("objective").equals("moco") ? 0 : 1;
            double value = top1[group][Integer.parseInt(v.overrides().get("seed"))];
            boolean failed = Double.isNaN(value);
            results.add(new RunResult(v, failed ? RunStatus.FAILED : RunStatus.OK,
                    failed ? java.util.Map.of() : java.util.Map.of("knn_top1", value), 10, group == 0 ? 100 : 160,
                    failed ? "diverged" : null));
        }
        String md = new SweepResults(sweep, dir).comparisons(results, java.util.List.of("knn_top1"));
        // differences +5 and +1 points: mean +3.00, sample std 2.83
        assertThat(md).contains("| objective=moco+clsa | objective=moco | 2 | +3.00 ± 2.83 | +60 |");
    }

    @Test
    void aComparedGroupMustExist() {
        assertThatThrownBy(() -> load("""
                base: base.yaml
                axes:
                  objective: [moco, moco+clsa]
                compare:
                  - {group: {objective: simclr+clsa}, against: {objective: moco}}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("s.yaml:5:")
                .hasMessageContaining("compare group {objective=simclr+clsa} matches no variant");
    }

    @Test
    void listsAreFlowStyleValues() throws IOException {
        SweepFile sweep = load("""
                base: base.yaml
                axes:
                  augment.weak.scale: [[0.2, 1.0], [0.5, 1.0]]
                """);
        assertThat(sweep.name()).isEqualTo("s");
        assertThat(sweep.variants().get(1).overrides()).containsEntry("augment.weak.scale", "[0.5,1.0]");
    }

    @Test
    void aShippedCopyIsNamedAsItsOriginal() throws IOException {
        SweepFile copy = load("base: base.yaml\naxes:\n  seed: [0]\n");
        SweepFile named = copy.namedAs(Path.of("/home/me/sweeps/s.yaml"));
        assertThat(named.file()).isEqualTo(Path.of("/home/me/sweeps/s.yaml"));
        assertThat(named.base()).isEqualTo(Path.of("/home/me/sweeps/base.yaml"));
        assertThat(named.variants()).isEqualTo(copy.variants());
    }

    @Test
    void structuralErrorsNameTheLine() throws IOException {
        assertThatThrownBy(() -> load("base: base.yaml\naxes:\n  seed: 3\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s.yaml:3:").hasMessageContaining("list");
        assertThatThrownBy(() -> load("base: base.yaml\naxis:\n  seed: [1]\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s.yaml:2:").hasMessageContaining("axis");
        assertThatThrownBy(() -> load("base: base.yaml\naxes:\n  seed: [1]\nbaseline: {seed: 1, objective: x}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s.yaml:4:")
                .hasMessageContaining("matches no variant");
        assertThatThrownBy(() -> load("base: base.yaml\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no variants");
    }
}
