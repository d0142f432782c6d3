package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDManager;
import dev.contrastive.runtime.eval.KnnMonitor;
import dev.contrastive.runtime.eval.Metric;
import dev.contrastive.runtime.eval.OnlineLinearProbe;
import dev.contrastive.runtime.eval.RunEvaluation;

import java.io.PrintStream;
import java.util.Map;

/**
 * The kNN monitor after every epoch ({@code knn.every_epoch}) or after the last: its accuracies
 * (and the online probe's on the test split) join the epoch record, and are printed.
 */
final class KnnEpochs implements TrainingListener {

    private final KnnMonitor knn;
    private final boolean everyEpoch;
    private final RunAssembly run;
    private final OnlineLinearProbe probe;
    private final NDManager manager;
    private final PrintStream out;
    private double top1 = Double.NaN;

    /** @param probe the online linear probe, or null */
    KnnEpochs(KnnMonitor knn, boolean everyEpoch, RunAssembly run, OnlineLinearProbe probe, NDManager manager,
            PrintStream out) {
        this.knn = knn;
        this.everyEpoch = everyEpoch;
        this.run = run;
        this.probe = probe;
        this.manager = manager;
        this.out = out;
    }

    @Override
    public void onEpoch(Epoch epoch) {
        if (!everyEpoch && !epoch.last()) {
            return;
        }
        long started = System.nanoTime();
        Map<String, Double> accuracy = knn.evaluate(run.objective().onlineEncoder(), run.strongTest(), probe, manager);
        top1 = accuracy.get(Metric.KNN_TOP1.key());
        epoch.record().putAll(accuracy);
        epoch.record().put(Metric.KNN_S.key(), (System.nanoTime() - started) / 1e9);
        out.println("epoch " + (epoch.epoch() + 1) + ": " + RunEvaluation.summary(accuracy));
    }

    /** The kNN top-1 after the last epoch this process trained; NaN before. */
    double top1() {
        return top1;
    }
}
