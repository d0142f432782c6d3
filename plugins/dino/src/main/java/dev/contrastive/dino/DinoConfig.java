package dev.contrastive.dino;

import dev.contrastive.api.HeadSpec;

import java.util.List;

/**
 * The {@code dino:} section of a run file. Defaults are the paper's where they fit 28-px images.
 *
 * @param prototypes K, outputs of the weight-normalised prototype layer (the paper: 65536; the
 *     default 4096 is solo-learn's CIFAR recipe)
 * @param studentTemperature τ_s of the student's softmax (0.1)
 * @param teacherTemperature τ_t after its warm-up (0.07)
 * @param warmupTeacherTemperature τ_t at the first epoch (0.04)
 * @param warmupEpochs epochs over which τ_t rises linearly, per epoch as the official
 *     {@code teacher_temp_schedule}; 0 = τ_t from the start (the paper: 30)
 * @param centerMomentum EMA momentum of the teacher's centre (0.9)
 * @param momentum the teacher's EMA momentum at the start, raised to 1 on a cosine (0.996)
 * @param localCrops small crops per image beside the two global ones, seen by the student only (0)
 * @param localSize side of a local crop in pixels (12: the paper's 96 of 224, at 28 px)
 * @param localScale area range of a local crop, as fractions of the image ([0.05, 0.4])
 * @param headBatchNorm BatchNorm after the head's hidden layers, the official code's
 *     {@code use_bn_in_head} (true: solo-learn's ResNet recipe; the official default, false, is its
 *     ViTs')
 */
public record DinoConfig(Integer prototypes, Double studentTemperature, Double teacherTemperature,
        Double warmupTeacherTemperature, Integer warmupEpochs, Double centerMomentum, Double momentum,
        Integer localCrops, Integer localSize, List<Double> localScale, Boolean headBatchNorm) {

    /** The largest K: the widest layer a head may have. */
    static final int MAX_PROTOTYPES = HeadSpec.MAX_UNITS;

    /** Fills defaults and rejects values outside their ranges. */
    public DinoConfig {
        prototypes = prototypes == null ? 4096 : prototypes;
        studentTemperature = studentTemperature == null ? 0.1 : studentTemperature;
        teacherTemperature = teacherTemperature == null ? 0.07 : teacherTemperature;
        warmupTeacherTemperature = warmupTeacherTemperature == null ? 0.04 : warmupTeacherTemperature;
        warmupEpochs = warmupEpochs == null ? 30 : warmupEpochs;
        centerMomentum = centerMomentum == null ? 0.9 : centerMomentum;
        momentum = momentum == null ? 0.996 : momentum;
        localCrops = localCrops == null ? 0 : localCrops;
        localSize = localSize == null ? 12 : localSize;
        localScale = localScale == null ? List.of(0.05, 0.4) : List.copyOf(localScale);
        headBatchNorm = headBatchNorm == null || headBatchNorm;
        if (prototypes < 1 || prototypes > MAX_PROTOTYPES) {
            throw new IllegalArgumentException("prototypes must be in 1.." + MAX_PROTOTYPES + ", got " + prototypes);
        }
        temperature("student_temperature", studentTemperature);
        temperature("teacher_temperature", teacherTemperature);
        temperature("warmup_teacher_temperature", warmupTeacherTemperature);
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warmup_epochs must be >= 0, got " + warmupEpochs);
        }
        unit("center_momentum", centerMomentum);
        unit("momentum", momentum);
        if (localCrops < 0 || localCrops > 16) {
            throw new IllegalArgumentException("local_crops must be in 0..16, got " + localCrops);
        }
        if (localSize < 1) {
            throw new IllegalArgumentException("local_size must be at least 1 pixel, got " + localSize);
        }
        if (localScale.size() != 2 || !(localScale.get(0) > 0 && localScale.get(0) <= localScale.get(1)
                && localScale.get(1) <= 1)) {
            throw new IllegalArgumentException("local_scale must be [min, max] with 0 < min <= max <= 1, got "
                    + localScale);
        }
    }

    /**
     * τ_t at {@code epoch} (from 0): {@code linspace(warmup, final, warmupEpochs)[epoch]} during the
     * warm-up, then the final value, as the official {@code teacher_temp_schedule}.
     */
    double teacherTemperatureAt(int epoch) {
        if (epoch >= warmupEpochs) {
            return teacherTemperature;
        }
        if (warmupEpochs == 1) {
            return warmupTeacherTemperature;
        }
        if (epoch == warmupEpochs - 1) {
            return teacherTemperature;
        }
        return epoch * ((teacherTemperature - warmupTeacherTemperature) / (warmupEpochs - 1))
                + warmupTeacherTemperature; // numpy's linspace, to the last digit
    }

    private static void temperature(String key, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be in (0, 1], got " + value);
        }
    }

    private static void unit(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + value);
        }
    }
}
