package dev.contrastive.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.ndarray.types.Shape;
import dev.contrastive.inference.VisionTransformer;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link VisionTransformer}'s parameters as DINO's and timm's {@code VisionTransformer}
 * {@code state_dict} names them ({@code cls_token}, {@code pos_embed},
 * {@code patch_embed.proj.weight}, {@code blocks.0.norm1.weight}, {@code blocks.0.attn.qkv.weight},
 * {@code blocks.0.attn.proj.weight}, {@code blocks.0.mlp.fc1.weight}, ..., {@code norm.weight}; no
 * {@code head}), so that such a model of the same sizes loads them with {@code strict=True}. The
 * toolkit keeps the class token's position folded into the class token: {@code pos_embed} is
 * {@code 1 × (1 + G²) × D} with a zero first row, which computes the same. Every DJL parameter is
 * mapped; one the table does not name is an error.
 */
final class VitStateDict {

    private static final Pattern LAYER = Pattern.compile("(\\d+)layer_(.+)");

    /** Modules of a layer: DJL's path below it, the PyTorch module's below {@code blocks.i}. */
    private static final Map<String, String> IN_LAYER = Map.of("01norm1", "norm1", "02attention_01qkv", "attn.qkv",
            "02attention_02proj", "attn.proj", "03norm2", "norm2", "04fc1", "mlp.fc1", "05fc2", "mlp.fc2");

    private static final Map<String, String> PARAMETERS = Map.of("weight", "weight", "bias", "bias",
            "gamma", "weight", "beta", "bias");

    private VitStateDict() {
    }

    /** Copies of the backbone's arrays under the PyTorch names, owned by {@code manager}. */
    static NDList of(Block backbone, NDManager manager) {
        NDList state = new NDList();
        int firstLayer = -1;
        for (var pair : backbone.getParameters()) {
            String key = pair.getKey();
            NDArray array = pair.getValue().getArray().duplicate();
            array.attach(manager);
            Matcher layer = LAYER.matcher(key);
            if (layer.matches()) {
                int index = Integer.parseInt(layer.group(1));
                firstLayer = firstLayer < 0 ? index : firstLayer;
                state.add(named(array, "blocks." + (index - firstLayer) + "." + inLayer(layer.group(2), key)));
            } else {
                state.addAll(outsideLayers(key, array, manager));
            }
        }
        return state;
    }

    private static NDList outsideLayers(String key, NDArray array, NDManager manager) {
        switch (key) {
            case "01patches_weight":
                return new NDList(named(array, "patch_embed.proj.weight"));
            case "01patches_bias":
                return new NDList(named(array, "patch_embed.proj.bias"));
            case "02tokens_token":
                return new NDList(named(array, "cls_token"));
            case "02tokens_positions": {
                long width = array.getShape().size() / array.getShape().get(0) / array.getShape().get(0);
                NDArray grid = array.reshape(1, array.getShape().size() / width, width);
                NDArray positions = NDArrays.concat(new NDList(manager.zeros(new Shape(1, 1, width)),
                        grid), 1);
                positions.attach(manager);
                return new NDList(named(positions, "pos_embed"));
            }
            default:
                if (key.endsWith("norm_gamma") || key.endsWith("norm_beta")) {
                    return new NDList(named(array, "norm." + PARAMETERS.get(key.substring(key.lastIndexOf('_') + 1))));
                }
                throw unnamed(key);
        }
    }

    private static String inLayer(String path, String key) {
        int cut = path.lastIndexOf('_');
        String module = IN_LAYER.get(path.substring(0, Math.max(cut, 0)));
        String parameter = PARAMETERS.get(path.substring(cut + 1));
        if (module == null || parameter == null) {
            throw unnamed(key);
        }
        return module + "." + parameter;
    }

    private static IllegalStateException unnamed(String key) {
        return new IllegalStateException("the ViT's parameter " + key + " has no PyTorch name: the export's table "
                + "no longer matches VisionTransformer");
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
