package dev.contrastive.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive.api.Encoder;
import dev.contrastive.inference.VitSpec;
import dev.contrastive.runtime.DebianPython;
import dev.contrastive.runtime.config.ModelConfig;
import dev.contrastive.runtime.data.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ViT's {@code encoder.safetensors} as PyTorch sees it: the plain ViT of
 * {@code export/vit_features.py} (DINO's and timm's names) loads it with {@code strict=True} and
 * computes the toolkit's features and, through autograd, its gradients, at the training side and at
 * smaller views' sides, where the positions are resized as {@code F.interpolate} resizes them.
 */
class VitExportTest {

    /** float32 through two engines (libtorch 2.7 here, Debian's 1.13 there). */
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    private record Case(String name, VitSpec vit, int width, int channels, int side, List<Integer> sides) {
        ModelConfig model() {
            return new ModelConfig("vit", width, null, 16, 8, vit);
        }
    }

    @Test
    void aPlainPyTorchVitLoadsTheExportStrictlyAndComputesTheToolkitsFeatures() throws Exception {
        List<Case> cases = List.of(
                new Case("grey-28", new VitSpec(4, 2, 4, 2, null), 32, 1, 28, List.of(28, 12, 16)),
                new Case("rgb-32-random", new VitSpec(8, 1, 3, 4, VitSpec.RANDOM), 24, 3, 32, List.of(32, 16)));
        List<String> args = new ArrayList<>(List.of(script().toString()));
        List<String> expected = new ArrayList<>();
        for (Case c : cases) {
            args.add(writeCase(c).toString());
            for (int side : c.sides()) {
                expected.add(c.name() + "/" + side);
                GRADIENTS.values().stream().sorted().filter(name -> !(c.vit().randomPatchProjection()
                        && name.startsWith("patch_embed"))).forEach(name -> expected.add(c.name() + "/" + side + "/" + name));
            }
        }

        String output = DebianPython.run(dir, args.toArray(String[]::new));

        List<String> checked = new ArrayList<>();
        for (ComparisonLines line : ComparisonLines.of(output)) {
            System.out.println("VitExportTest: " + line.name() + " max abs difference " + line.difference()
                    + ", largest value " + line.scale());
            String[] parts = line.name().split("/grad/");
            Path at = Path.of(parts[0]);
            String name = at.getParent().getFileName() + "/" + at.getFileName();
            if (parts.length == 2) {
                assertThat(line.difference()).as(line.name()).isLessThanOrEqualTo(TOLERANCE * Math.max(1, line.scale()));
                assertThat(line.scale()).as("a gradient that reached " + parts[1]).isGreaterThan(1e-4);
                checked.add(name + "/" + parts[1]);
            } else {
                assertThat(line.difference()).as(line.name()).isLessThanOrEqualTo(TOLERANCE);
                assertThat(line.scale()).as("features of some size").isGreaterThan(0.1);
                checked.add(name);
            }
        }
        assertThat(checked).as(output).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void keysAreDinosStateDictNamesWithTheClassPositionAsAZeroRow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Case c = new Case("names", new VitSpec(7, 2, 2, 2, null), 8, 1, 28, List.of());
            Block backbone = new BackboneEncoders(c.model(), 1, 28, manager).create(true, false).backboneBlock()
                    .orElseThrow();
            NDList state = VitStateDict.of(backbone, manager);
            Set<String> names = new TreeSet<>(state.stream().map(NDArray::getName).toList());
            Set<String> expected = new TreeSet<>(List.of("cls_token", "pos_embed", "patch_embed.proj.weight",
                    "patch_embed.proj.bias", "norm.weight", "norm.bias"));
            for (int block = 0; block < 2; block++) {
                for (String module : List.of("norm1", "attn.qkv", "attn.proj", "norm2", "mlp.fc1", "mlp.fc2")) {
                    expected.add("blocks." + block + "." + module + ".weight");
                    expected.add("blocks." + block + "." + module + ".bias");
                }
            }
            assertThat(names).isEqualTo(expected);
            NDArray positions = state.get("pos_embed");
            assertThat(positions.getShape()).isEqualTo(new Shape(1, 1 + 4 * 4, 8));
            assertThat(positions.get("0, 0").abs().max().getFloat()).isZero();
            assertThat(positions.get("0, 1:").abs().max().getFloat()).isPositive();
            assertThat(state.get("blocks.1.attn.qkv.weight").getShape()).isEqualTo(new Shape(24, 8));
            assertThat(state.get("patch_embed.proj.weight").getShape()).isEqualTo(new Shape(8, 1, 7, 7));
        }
    }

    @Test
    void mocoV3sRandomPatchProjectionIsUniformInItsBoundAndNeverTrained() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Case c = new Case("random", new VitSpec(4, 1, 2, 2, VitSpec.RANDOM), 16, 3, 32, List.of());
            Encoder encoder = new BackboneEncoders(c.model(), 3, 32, manager).create(true, false);
            Parameter projection = encoder.backboneBlock().orElseThrow().getParameters().get("01patches_weight");
            float[] weights = projection.getArray().toFloatArray();
            double bound = Math.sqrt(6.0 / (3 * 4 * 4 + 16)); // MoCo v3's vits.py: 3 channels x patch area + width
            double largest = 0;
            for (float w : weights) {
                largest = Math.max(largest, Math.abs(w));
            }
            assertThat(largest).isLessThanOrEqualTo(bound).isGreaterThan(0.95 * bound);
            assertThat(encoder.trainableParameters()).noneMatch(p -> p == projection)
                    .anyMatch(p -> p.getName().equals("positions"));
        }
    }

    /** Writes a case's export, images of each side and the toolkit's features of them; every parameter perturbed. */
    private Path writeCase(Case c) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(c.name()));
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            Encoder encoder = new BackboneEncoders(c.model(), c.channels(), c.side(), manager).create(true, false);
            Block backbone = encoder.backboneBlock().orElseThrow();
            // biases and LayerNorm's affine parameters start at 0 and 1: move them, so that their names are checked
            backbone.getParameters().forEach(pair -> {
                NDArray array = pair.getValue().getArray();
                boolean gamma = pair.getKey().endsWith("_gamma");
                if (gamma || pair.getKey().endsWith("_beta") || pair.getKey().endsWith("_bias")) {
                    manager.randomUniform(gamma ? 0.5f : -0.2f, gamma ? 1.5f : 0.2f, array.getShape()).copyTo(array);
                }
            });
            for (int side : c.sides()) {
                NDArray images = manager.randomNormal(new Shape(3, c.channels(), side, side));
                NDArray features = encoder.features(images);
                Files.write(folder.resolve("images_" + side + ".npy"),
                        Npy.float32(images.toFloatArray(), images.getShape().getShape()));
                Files.write(folder.resolve("features_" + side + ".npy"),
                        Npy.float32(features.toFloatArray(), features.getShape().getShape()));
                writeGradients(backbone, images, folder, side, manager);
            }
            Files.write(folder.resolve("encoder.safetensors"), BackboneFiles.safetensors(backbone, c.model()));
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("width", c.width());
            spec.put("depth", c.vit().depth());
            spec.put("heads", c.vit().heads());
            spec.put("mlp_ratio", c.vit().mlpRatio());
            spec.put("patch_size", c.vit().patchSize());
            spec.put("training_side", c.side());
            spec.put("sides", c.sides());
            Files.writeString(folder.resolve("model.json"), new ObjectMapper().writeValueAsString(spec));
        }
        return folder;
    }

    /** The parameters whose gradients the script compares: DJL's key, PyTorch's name. */
    private static final Map<String, String> GRADIENTS = Map.of("02tokens_token", "cls_token",
            "02tokens_positions", "pos_embed", "03layer_02attention_01qkv_weight", "blocks.0.attn.qkv.weight",
            "03layer_04fc1_bias", "blocks.0.mlp.fc1.bias", "01patches_bias", "patch_embed.proj.bias");

    /**
     * Gradients of {@code sum(features · R)}, {@code R} the fixed ramp the script uses too, for
     * {@link #GRADIENTS}: the backward pass through attention, the positions' resize and the
     * class token, as autograd computes it in PyTorch.
     */
    private static void writeGradients(Block backbone, NDArray images, Path folder, int side, NDManager manager)
            throws java.io.IOException {
        try (ai.djl.training.GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray features = backbone.forward(new ai.djl.training.ParameterStore(manager, false), new NDList(images),
                    true).singletonOrThrow();
            NDArray ramp = manager.arange((float) features.getShape().size()).reshape(features.getShape()).div(100f);
            collector.backward(features.mul(ramp).sum());
        }
        for (var entry : GRADIENTS.entrySet()) {
            Parameter parameter = backbone.getParameters().get(entry.getKey());
            if (!parameter.requiresGradient()) {
                continue; // MoCo v3's frozen projection has none
            }
            NDArray gradient = parameter.getArray().getGradient();
            Files.write(folder.resolve("grad_" + side + "_" + entry.getValue() + ".npy"),
                    Npy.float32(gradient.toFloatArray(), gradient.getShape().getShape()));
            gradient.subi(gradient);
        }
    }

    private static Path script() throws Exception {
        return Path.of(VitExportTest.class.getResource("/export/vit_features.py").toURI());
    }
}
