package dev.contrastive.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contrastive.api.Encoder;
import dev.contrastive.inference.ResNetBlocks;
import dev.contrastive.runtime.DebianPython;
import dev.contrastive.runtime.config.ModelConfig;
import dev.contrastive.runtime.data.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code encoder.safetensors} as PyTorch sees it: torchvision's ResNet loads it with
 * {@code strict=True} and computes the toolkit's features ({@code export/torchvision_features.py}).
 */
class ExportTest {

    /** float32 through two engines (libtorch 2.7 here, Debian's 1.13 there): convolution order differs. */
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    /**
     * One case: a model, images of its channels and size, the toolkit's features of them. The
     * width-64 ResNet-18s load into {@code torchvision.models.resnet18} itself.
     */
    private record Case(String name, ModelConfig model, int channels, int size) {
    }

    @Test
    void torchvisionLoadsTheExportStrictlyAndComputesTheToolkitsFeatures() throws Exception {
        List<Case> cases = List.of(
                new Case("resnet18-64-cifar", model("resnet18", 64, "cifar"), 3, 32),
                new Case("resnet18-64-imagenet", model("resnet18", 64, "imagenet"), 3, 32),
                new Case("resnet18-8-cifar-grey", model("resnet18", 8, "cifar"), 1, 28),
                new Case("resnet34-8-imagenet-grey", model("resnet34", 8, "imagenet"), 1, 32));
        List<String> args = new ArrayList<>(List.of(script().toString()));
        for (Case c : cases) {
            args.add(writeCase(c).toString());
        }

        String output = DebianPython.run(dir, args.toArray(String[]::new));

        List<String> checked = new ArrayList<>();
        for (ComparisonLines line : ComparisonLines.of(output)) {
            System.out.println("ExportTest: " + line.name() + " max abs difference " + line.difference()
                    + ", largest feature " + line.scale());
            assertThat(line.difference()).as(line.name()).isLessThanOrEqualTo(TOLERANCE);
            assertThat(line.scale()).as("features of some size, so that the difference says something").isGreaterThan(0.1);
            checked.add(Path.of(line.name()).getFileName().toString());
        }
        assertThat(checked).as(output).containsExactlyElementsOf(cases.stream().map(Case::name).toList());
    }

    @Test
    void keysAreTorchvisionsStateDictNamesWithBatchCountsAndNoFc() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelConfig config = model("resnet18", 4, "cifar");
            NDList state = TorchvisionStateDict.of(backbone(config, 1, 28, manager), config, manager);
            List<String> names = state.stream().map(NDArray::getName).toList();
            assertThat(names).hasSize(120).doesNotHaveDuplicates()
                    .startsWith("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                            "bn1.num_batches_tracked", "layer1.0.conv1.weight", "layer1.0.bn1.weight")
                    .contains("layer1.1.bn2.running_var", "layer2.0.downsample.0.weight",
                            "layer2.0.downsample.1.num_batches_tracked", "layer4.1.conv2.weight")
                    .noneMatch(name -> name.startsWith("fc.") || name.startsWith("layer1.0.downsample"));
            NDArray batches = state.get("bn1.num_batches_tracked");
            assertThat(batches.getDataType()).isEqualTo(DataType.INT64);
            assertThat(batches.getShape()).isEqualTo(new Shape());
            assertThat(state.get("layer2.0.conv1.weight").getShape()).as("out, in, kernel: as PyTorch's")
                    .isEqualTo(new Shape(8, 4, 3, 3));
        }
    }

    @Test
    void aParameterTheTablesDoNotNameIsAnError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelConfig config = model("resnet18", 4, "cifar");
            SequentialBlock backbone = ResNetBlocks.backbone(config.backbone(), config.width(), config.stem());
            backbone.add(Linear.builder().setUnits(3).build());
            backbone.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            assertThatThrownBy(() -> TorchvisionStateDict.of(backbone, config, manager))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("13Linear_weight")
                    .hasMessageContaining("no torchvision name");
        }
    }

    /**
     * Writes a case's export, images and features, its BatchNorms with running statistics and
     * affine parameters of their own.
     */
    private Path writeCase(Case c) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(c.name()));
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            Encoder encoder = new BackboneEncoders(c.model(), c.channels(), c.size(), manager).create(true, false);
            Block backbone = encoder.backboneBlock().orElseThrow();
            backbone.getParameters().forEach(pair -> {
                if (pair.getKey().endsWith("_gamma") || pair.getKey().endsWith("_beta")) {
                    Parameter parameter = pair.getValue();
                    manager.randomUniform(0.5f, 1.5f, parameter.getArray().getShape()).copyTo(parameter.getArray());
                }
            });
            for (int step = 0; step < 2; step++) {
                encoder.encode(manager.randomNormal(new Shape(4, c.channels(), c.size(), c.size())), true);
            }
            assertThat(backbone.getParameters().get("02BatchNorm_runningMean").getArray().abs().sum().getFloat())
                    .as("running statistics moved off their defaults").isPositive();
            NDArray images = manager.randomNormal(new Shape(4, c.channels(), c.size(), c.size()));
            NDArray features = encoder.features(images);
            Files.write(folder.resolve("encoder.safetensors"), BackboneFiles.safetensors(backbone, c.model()));
            Files.write(folder.resolve("images.npy"), Npy.float32(images.toFloatArray(), images.getShape().getShape()));
            Files.write(folder.resolve("features.npy"),
                    Npy.float32(features.toFloatArray(), features.getShape().getShape()));
            Files.writeString(folder.resolve("model.json"), new ObjectMapper()
                    .writeValueAsString(Map.of("backbone", c.model().backbone(), "width", c.model().width(),
                            "stem", c.model().stem())));
        }
        return folder;
    }

    private static ModelConfig model(String backbone, int width, String stem) {
        return new ModelConfig(backbone, width, stem, 16, 8, null);
    }

    private static Block backbone(ModelConfig config, int channels, int size, NDManager manager) {
        Block backbone = ResNetBlocks.backbone(config.backbone(), config.width(), config.stem());
        backbone.initialize(manager, DataType.FLOAT32, new Shape(2, channels, size, size));
        return backbone;
    }

    private static Path script() throws URISyntaxException {
        return Path.of(ExportTest.class.getResource("/export/torchvision_features.py").toURI());
    }
}
