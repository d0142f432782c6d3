package dev.contrastive.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Metric names once, each shown as what it is. */
class MetricTest {

    @Test
    void sharesAreShownAsPercentagesEverythingElseAsNumbers() {
        assertThat(Metric.show("knn_top1", 0.823)).isEqualTo("82.30");
        assertThat(Metric.show("linear_top5", 0.9976)).isEqualTo("99.76");
        assertThat(Metric.show("L_D", 0.25)).as("a loss term").isEqualTo("0.2500");
        assertThat(Metric.show("stop_grad_top", 0.25)).as("a plugin's metric whose name has 'top' in it")
                .isEqualTo("0.2500");
        assertThat(Metric.show("epoch_s", 161.968994613)).isEqualTo("161.9690");
    }

    @Test
    void everyNameIsOneMetricsAndFoundByIt() {
        assertThat(Metric.keys()).doesNotHaveDuplicates().contains("knn_top1", "online_linear_test_top1", "eval_s");
        for (Metric metric : Metric.values()) {
            assertThat(Metric.of(metric.key())).contains(metric);
        }
        assertThat(Metric.of("L_C")).isEmpty();
    }
}
