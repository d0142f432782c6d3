package dev.contrastive.runtime.train;

import dev.contrastive.runtime.run.MetricsLog;
import dev.contrastive.runtime.tensorboard.TensorBoardLog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the loop's records to {@code metrics.jsonl} and TensorBoard: a step record every
 * {@code train.log_every} steps (at its step), every epoch record (at the epoch's last step).
 */
final class MetricsRecords implements TrainingListener {

    private final MetricsLog metrics;
    private final TensorBoardLog tb;
    private final int logEvery;

    MetricsRecords(MetricsLog metrics, TensorBoardLog tb, int logEvery) {
        this.metrics = metrics;
        this.tb = tb;
        this.logEvery = logEvery;
    }

    @Override
    public void onStep(Step step) {
        if (step.done() % logEvery != 0) {
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "step");
        record.put("epoch", step.epoch() + 1);
        record.put("step", step.done());
        record.putAll(step.values());
        record.put("lr", step.lr());
        record.put("images_per_s", step.imagesPerSecond());
        record.put("data_wait_share", step.dataWaitShare());
        metrics.write(record);
        tb.scalars("train", record, step.done());
    }

    @Override
    public void onEpoch(Epoch epoch) {
        metrics.write(epoch.record());
        tb.scalars("epoch", epoch.record(), epoch.done());
    }
}
