package dev.contrastive.runtime.train;

import ai.djl.ndarray.NDArray;
import dev.contrastive.runtime.config.TrainConfig;
import dev.contrastive.runtime.io.AtomicFiles;
import dev.contrastive.runtime.run.CheckpointFormat;
import dev.contrastive.runtime.run.RunDirectory;
import dev.contrastive.runtime.run.RunProgress;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the run's checkpoints: {@code last.ckpt} after every epoch and every
 * {@code train.checkpoint_every_steps} steps within one, kept as {@code epoch-N.ckpt} every
 * {@code train.checkpoint_every} epochs; each written one is announced.
 */
final class Checkpoints implements TrainingListener {

    private final RunDirectory directory;
    private final Map<String, NDArray> state;
    private final TrainConfig train;
    private final Consumer<Checkpointed> written;

    /**
     * @param state every array a checkpoint saves, by name
     * @param written told of every checkpoint written
     */
    Checkpoints(RunDirectory directory, Map<String, NDArray> state, TrainConfig train,
            Consumer<Checkpointed> written) {
        this.directory = directory;
        this.state = state;
        this.train = train;
        this.written = written;
    }

    @Override
    public void onStep(Step step) throws IOException {
        if (train.checkpointEverySteps() > 0 && step.done() % train.checkpointEverySteps() == 0
                && !step.endsEpoch()) {
            CheckpointFormat.write(directory.lastCheckpoint(), new RunProgress(step.epoch(), step.step() + 1,
                    step.sums()), state);
            written.accept(new Checkpointed(directory.root(), step.done()));
        }
    }

    @Override
    public void onEpoch(Epoch epoch) throws IOException {
        CheckpointFormat.write(directory.lastCheckpoint(), RunProgress.after(epoch.epoch() + 1), state);
        if (train.checkpointEvery() > 0 && (epoch.epoch() + 1) % train.checkpointEvery() == 0) {
            AtomicFiles.write(directory.epochCheckpoint(epoch.epoch() + 1),
                    Files.readAllBytes(directory.lastCheckpoint()));
        }
        written.accept(new Checkpointed(directory.root(), epoch.done()));
    }
}
