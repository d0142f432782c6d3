package dev.contrastive.dino;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.api.BaseContext;
import dev.contrastive.api.BaseRun;
import dev.contrastive.api.Encoder;
import dev.contrastive.api.Head;
import dev.contrastive.api.Momentum;
import dev.contrastive.api.StepResult;
import dev.contrastive.api.TrainingProgress;
import dev.contrastive.api.ViewBatch;
import dev.contrastive.api.ViewRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * One DINO run: the student (encoder with the projector up to the bottleneck, then the prototype
 * layer) sees every view; the teacher, an EMA of both parts whose momentum rises to 1 on a cosine,
 * sees the two global views; the teacher's centred, sharpened outputs are the targets of the
 * student's other views. The centre is the run's state, checkpointed under {@code center}.
 */
final class DinoTraining implements BaseRun {

    static final String FIRST_VIEW = "global1";
    static final String SECOND_VIEW = "global2";

    private final DinoConfig config;
    private final Encoder student;
    private final Head prototypes;
    private final Encoder teacher;
    private final Head teacherPrototypes;
    private final NDArray center;
    private final List<ViewRequest> views = new ArrayList<>();
    private int epoch;
    /** The step's teacher outputs, for the centre's update after the step. */
    private List<NDArray> teacherOutputs;

    DinoTraining(BaseContext context, DinoConfig config) {
        this.config = config;
        int bottleneck = context.headDim();
        this.student = context.encoder("student", DinoHeads.projector(context.headHidden(), bottleneck,
                config.headBatchNorm()));
        this.prototypes = context.head("prototypes", bottleneck, DinoHeads.prototypes(config.prototypes()));
        Momentum momentum = Momentum.cosineToOne(config.momentum());
        this.teacher = context.teacher("teacher", student, momentum);
        this.teacherPrototypes = context.teacher("teacher_prototypes", prototypes, momentum);
        this.center = context.manager().zeros(new Shape(1, config.prototypes()), context.dataType());
        context.state("center", center);
        views.add(context.weakView(FIRST_VIEW));
        views.add(context.weakView(SECOND_VIEW));
        for (int i = 1; i <= config.localCrops(); i++) {
            ViewRequest weak = context.weakView("local" + i);
            views.add(ViewRequest.of(weak.name(), weak.policies(), config.localSize(), config.localScale().get(0),
                    config.localScale().get(1)));
        }
    }

    @Override
    public List<ViewRequest> views() {
        return views;
    }

    @Override
    public void beforeStep(TrainingProgress progress) {
        epoch = progress.epoch();
    }

    @Override
    public StepResult forward(ViewBatch batch) {
        Encoder.Encoding first = student.encode(batch.view(FIRST_VIEW), true);
        List<NDArray> studentOutputs = new ArrayList<>();
        studentOutputs.add(prototypes.forward(first.projection(), true));
        for (ViewRequest view : views.subList(1, views.size())) {
            studentOutputs.add(prototypes.forward(student.encode(batch.view(view.name()), true).projection(), true));
        }
        teacherOutputs = List.of(teacherOutput(batch.view(FIRST_VIEW)), teacherOutput(batch.view(SECOND_VIEW)));
        List<NDArray> targets = DinoLoss.teacherTargets(teacherOutputs, center, config.teacherTemperatureAt(epoch));
        NDArray loss = DinoLoss.loss(targets, studentOutputs, config.studentTemperature());
        DinoBank bank = DinoBank.over(prototypes, targets, config.studentTemperature(),
                batch.view(FIRST_VIEW).getManager());
        return StepResult.builder(loss).term("L_C", loss).weakQueries(first.embedding())
                .weakFeatures(first.features().stopGradient()).bank(bank).build();
    }

    @Override
    public void afterStep() {
        DinoLoss.updateCenter(center, teacherOutputs, config.centerMomentum());
        teacherOutputs = null;
    }

    @Override
    public boolean providesBank() {
        return true;
    }

    @Override
    public boolean providesContrastiveLoss() {
        return true;
    }

    @Override
    public Encoder onlineEncoder() {
        return student;
    }

    private NDArray teacherOutput(NDArray images) {
        return teacherPrototypes.forward(teacher.encode(images, true).projection(), true).stopGradient();
    }
}
