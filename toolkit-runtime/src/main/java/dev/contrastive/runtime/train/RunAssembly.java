package dev.contrastive.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigException;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.host.ObjectiveChain;
import dev.contrastive.api.host.RunModules;
import dev.contrastive.runtime.UserError;
import dev.contrastive.runtime.augment.CheckedTransforms;
import dev.contrastive.runtime.augment.ViewCrop;
import dev.contrastive.runtime.augment.WeakConfig;
import dev.contrastive.runtime.config.KnnConfig;
import dev.contrastive.runtime.config.RunConfig;
import dev.contrastive.runtime.config.TreeSection;
import dev.contrastive.inference.VitSpec;
import dev.contrastive.runtime.loader.ViewPipeline;
import dev.contrastive.runtime.model.EncoderBlocks;
import dev.contrastive.runtime.model.BackboneEncoders;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A run's objective chain and view pipelines, built from its configuration: the base, then each
 * add-on's terms over its step ({@code moco+clsa}).
 *
 * @param objective the chain
 * @param pipelines a pipeline per requested view, in the objective's order
 * @param strongTest the kNN monitor's transform of its strongly augmented test images, without
 *     crop: as {@code knn.strong_test} says, by default the policies beyond the weak views' of the
 *     first view that has any (CLSA's strong view); null for none
 */
public record RunAssembly(ObjectiveChain objective, List<ViewPipeline> pipelines,
        ImageTransform strongTest) {

    /**
     * Builds the chain with weights initialised from the run's seed.
     *
     * @param channels image channels of the data set
     * @param imageSize image side of the data set
     * @param images training images (the rows of a per-image bank)
     * @param manager owns parameters and objective state for the whole run
     */
    public static RunAssembly build(RunConfig config, Map<String, AugmentationPolicy> policies, int channels,
            int imageSize, int images, NDManager manager) {
        Engine.getInstance().setRandomSeed(engineSeed(config.settings().seed()));
        refuseUntiledImages(config, imageSize);
        WeakConfig weak = config.policySection("weak").bind(WeakConfig.class);
        List<String> weakPolicies = weakPolicies(weak, policies, config);
        BackboneEncoders encoders = new BackboneEncoders(config.model(), channels, imageSize, manager);
        ObjectiveChain objective = ObjectiveChain.create(config.chain(), RunModules.builder()
                .config(config.chain().get(0).section()).encoders(encoders).manager(manager)
                .batchSize(config.train().batchSize()).datasetSize(images).images(imageSize, channels)
                .weakScale(weak.scale().get(0), weak.scale().get(1)).weakPolicies(weakPolicies)
                .locator(config::locate).build());
        try {
            EncoderBlocks.check(objective.onlineEncoder());
            refuseViewsBelowAPatch(config, objective.views());
        } catch (RuntimeException e) {
            objective.close();
            throw e;
        }
        return new RunAssembly(objective, pipelines(objective.views(), policies, config, imageSize),
                strongTest(objective.views(), weakPolicies, policies, config, imageSize));
    }

    /**
     * Applies every view's transform, and the strong kNN test's, once to {@code sample}: a policy
     * that returns nonsense is named now, before a run folder is made, not at the first batch.
     * The transforms are stateless, so this draws nothing from any run's random streams.
     */
    public void tryViews(Image sample) {
        SplittableRandom random = new SplittableRandom(0);
        pipelines.forEach(pipeline -> pipeline.transform().apply(sample, random));
        if (strongTest != null) {
            strongTest.apply(sample, random);
        }
    }

    /** {@code weak} and the installed policies of {@code augment.weak.then}. */
    private static List<String> weakPolicies(WeakConfig weak, Map<String, AugmentationPolicy> policies,
            RunConfig config) {
        List<String> names = new ArrayList<>(List.of("weak"));
        for (String name : weak.then()) {
            if (!policies.containsKey(name)) {
                throw config.policySection("weak").error("then", "no installed plugin provides the policy '"
                        + name + "'; installed: " + policies.keySet());
            }
            names.add(name);
        }
        return names;
    }

    /**
     * The run's seed as DJL's engine takes it, an int: the seed itself when it fits (every run so
     * far), else a mix of all 64 bits, so that seeds differing only above bit 31 do not collide.
     */
    static int engineSeed(long seed) {
        return seed == (int) seed ? (int) seed : new SplittableRandom(seed).nextInt();
    }

    private static ImageTransform strongTest(List<ViewRequest> views, List<String> weakPolicies,
            Map<String, AugmentationPolicy> policies, RunConfig config, int imageSize) {
        String mode = config.knn().strongTest();
        if (mode.equals(KnnConfig.NONE)) {
            return null;
        }
        if (!mode.equals(KnnConfig.AUTO)) {
            ViewRequest fixed = ViewRequest.of("knn-strong", List.of(mode), imageSize, 1.0, 1.0);
            // the policy's defaults, not the run's augment section: every run of a sweep is scored on the same images
            return CheckedTransforms.create(policies.get(mode), fixed, TreeSection.defaults("knn.strong_test"));
        }
        for (ViewRequest view : views) {
            List<String> beyondWeak = view.policies().stream().filter(name -> !weakPolicies.contains(name)).toList();
            if (!beyondWeak.isEmpty()) {
                ViewRequest full = ViewRequest.of("knn-strong", beyondWeak, imageSize, 1.0, 1.0);
                return chain(full, policies, config);
            }
        }
        return null;
    }

    /** A ViT's positions are learned for the training image's grid of whole patches. */
    private static void refuseUntiledImages(RunConfig config, int imageSize) {
        VitSpec vit = config.model().vit();
        if (vit != null && imageSize % vit.patchSize() != 0) {
            throw new ConfigException(config.locate("model.vit.patch_size"), "model.vit.patch_size: "
                    + vit.patchSize() + "-px patches do not tile the " + imageSize + "-px training images; take a "
                    + "divisor of " + imageSize + ", or set data.image_size to a multiple of " + vit.patchSize());
        }
    }

    /** A view smaller than a ViT's patch would give it no token at all. */
    private static void refuseViewsBelowAPatch(RunConfig config, List<ViewRequest> views) {
        VitSpec vit = config.model().vit();
        for (ViewRequest view : views) {
            if (vit != null && view.size() < vit.patchSize()) {
                throw new ConfigException(config.locate("model.vit.patch_size"), "model.vit.patch_size: view '"
                        + view.name() + "' is " + view.size() + " px, smaller than one " + vit.patchSize()
                        + "-px patch; make the view larger or the patches smaller");
            }
        }
    }

    private static List<ViewPipeline> pipelines(List<ViewRequest> views, Map<String, AugmentationPolicy> policies,
            RunConfig config, int imageSize) {
        List<ViewPipeline> pipelines = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ViewRequest view : views) {
            if (!names.add(view.name())) {
                throw new UserError(UserError.PLUGIN, "the objective chain requests the view '" + view.name()
                        + "' twice");
            }
            if (view.size() > imageSize) {
                throw new UserError(UserError.PLUGIN, "view '" + view.name() + "' asks for " + view.size()
                        + " px, larger than the data set's " + imageSize + " px images");
            }
            // the runtime crops from the view's geometry; the policies then work on the view's size
            pipelines.add(new ViewPipeline(view, ViewCrop.of(view).andThen(chain(view, policies, config))));
        }
        return pipelines;
    }

    /** The view's policies as one transform, left to right. */
    private static ImageTransform chain(ViewRequest view, Map<String, AugmentationPolicy> policies,
            RunConfig config) {
        ImageTransform transform = null;
        for (String name : view.policies()) {
            AugmentationPolicy policy = policies.get(name);
            if (policy == null) {
                throw new UserError(UserError.PLUGIN, "view '" + view.name() + "' needs the augmentation "
                        + "policy '" + name + "', which no installed plugin provides; installed: "
                        + policies.keySet());
            }
            ImageTransform next = CheckedTransforms.create(policy, view,
                    config.policySection(name).withValues(view.settings(name)));
            transform = transform == null ? next : transform.andThen(next);
        }
        if (transform == null) {
            throw new UserError(UserError.PLUGIN, "view '" + view.name() + "' names no policy");
        }
        return transform;
    }
}
