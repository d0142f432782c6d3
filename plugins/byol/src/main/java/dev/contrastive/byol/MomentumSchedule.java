package dev.contrastive.byol;

import dev.contrastive.api.TrainingProgress;

/** BYOL's target momentum: {@code 1 − (1 − base) · (cos(π · step / total) + 1) / 2}. */
final class MomentumSchedule {

    private MomentumSchedule() {
    }

    /** The momentum at {@code progress}, from {@code base} at the first step towards 1 at the end. */
    static double at(double base, TrainingProgress progress) {
        return 1 - (1 - base) * (Math.cos(Math.PI * progress.fraction()) + 1) / 2;
    }
}
