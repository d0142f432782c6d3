package dev.contrastive.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import dev.contrastive.inference.ResNetBlocks;
import dev.contrastive.runtime.config.ModelConfig;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backbone's parameters as {@code torchvision.models.ResNet}'s {@code state_dict} names them
 * ({@code conv1.weight}, {@code bn1.running_mean}, {@code layer2.0.downsample.0.weight}, ...,
 * no {@code fc}), so that PyTorch loads them with {@code strict=True}. Each DJL parameter path of
 * {@link ResNetBlocks#backbone} is mapped explicitly; one the tables do not name is an error,
 * never left out.
 */
public final class TorchvisionStateDict {

    /** The stem's modules: DJL's child name, torchvision's module. */
    private static final Map<String, String> STEM = Map.of("01Conv2d", "conv1", "02BatchNorm", "bn1");

    /** The modules of a residual block: DJL's path below the block, torchvision's below {@code layerS.B}. */
    private static final Map<String, String> IN_BLOCK = Map.of(
            "01ParallelBlock_01SequentialBlock_01Conv2d", "conv1",
            "01ParallelBlock_01SequentialBlock_02BatchNorm", "bn1",
            "01ParallelBlock_01SequentialBlock_04Conv2d", "conv2",
            "01ParallelBlock_01SequentialBlock_05BatchNorm", "bn2",
            "01ParallelBlock_02SequentialBlock_01Conv2d", "downsample.0",
            "01ParallelBlock_02SequentialBlock_02BatchNorm", "downsample.1");

    /** DJL's parameter names of Conv2d and BatchNorm, torchvision's. */
    private static final Map<String, String> PARAMETERS = Map.of("weight", "weight", "gamma", "weight",
            "beta", "bias", "runningMean", "running_mean", "runningVar", "running_var");

    private TorchvisionStateDict() {
    }

    /**
     * Copies of the backbone's arrays named as torchvision names them, in its order, each
     * BatchNorm's followed by {@code num_batches_tracked}: an int64 scalar, 0, since DJL does not
     * count batches (PyTorch only reads it when a BatchNorm's momentum is None).
     *
     * @param backbone a backbone {@link ResNetBlocks#backbone} built for {@code config}
     * @param manager owns the copies
     * @throws IllegalStateException if a parameter has no torchvision name
     */
    public static NDList of(Block backbone, ModelConfig config, NDManager manager) {
        Map<String, String> names = names(backbone, config);
        NDList state = new NDList();
        backbone.getParameters().forEach(pair -> {
            String name = names.get(pair.getKey());
            state.add(named(pair.getValue().getArray().duplicate(), name, manager));
            if (name.endsWith(".running_var")) {
                String module = name.substring(0, name.lastIndexOf('.'));
                state.add(named(manager.create(0L), module + ".num_batches_tracked", manager));
            }
        });
        return state;
    }

    /** Torchvision's name of every parameter of {@code backbone}, by DJL's path. */
    static Map<String, String> names(Block backbone, ModelConfig config) {
        Map<String, String> modules = new HashMap<>(STEM);
        List<String> blocks = backbone.getChildren().stream()
                .filter(child -> child.getValue() instanceof SequentialBlock).map(Pair::getKey).toList();
        int[] perStage = ResNetBlocks.blocksPerStage(config.backbone());
        if (blocks.size() != Arrays.stream(perStage).sum()) {
            throw new IllegalStateException("the backbone has " + blocks.size() + " residual blocks, "
                    + config.backbone() + " has " + Arrays.toString(perStage));
        }
        int next = 0;
        for (int stage = 0; stage < perStage.length; stage++) {
            for (int b = 0; b < perStage[stage]; b++) {
                String block = blocks.get(next++);
                String layer = "layer" + (stage + 1) + "." + b + ".";
                IN_BLOCK.forEach((path, module) -> modules.put(block + "_" + path, layer + module));
            }
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : backbone.getParameters().keys()) {
            int cut = key.lastIndexOf('_');
            String module = cut < 0 ? null : modules.get(key.substring(0, cut));
            String parameter = cut < 0 ? null : PARAMETERS.get(key.substring(cut + 1));
            if (module == null || parameter == null) {
                throw new IllegalStateException("the backbone's parameter " + key + " has no torchvision name: "
                        + "the export's tables no longer match ResNetBlocks");
            }
            names.put(key, module + "." + parameter);
        }
        return names;
    }

    private static NDArray named(NDArray array, String name, NDManager manager) {
        array.attach(manager);
        array.setName(name);
        return array;
    }
}
