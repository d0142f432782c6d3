package dev.contrastive.runtime.outside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.runtime.Distribution;
import dev.contrastive.runtime.train.BehaviourGoldenTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The extension story from the outside: a project generated from the deployed archetype, and the
 * third-party example of {@code examples/third-party-plugin/}, each built by Maven offline on its
 * own (tests included) and trained through the CLI with {@code --plugins}; the example's tiny
 * runs keep the 0.2 build's behaviour ({@link BehaviourGoldenTest}).
 */
class OutsidePluginIT {

    /** A run of seconds: what these tests prove is that the plugin loads and trains, not quality. */
    private static final String[] TINY = {"--set", "train.epochs=1", "--set", "data.limit=512", "--set",
            "model.width=4", "--set", "train.batch_size=64", "--set", "knn.train_limit=2000", "--set",
            "eval.linear=false"};

    @TempDir
    Path dir;

    /**
     * The path a third party takes: the toolkit deployed with {@code mvn deploy} into a file
     * repository; then, with an empty local repository and the toolkit's artifacts only from that
     * repository ({@link ThirdPartyMaven}), a project generated from the archetype, built with its
     * tests, and trained.
     */
    @Test
    void aProjectGeneratedFromTheDeployedArchetypeBuildsAndTrains() throws Exception {
        String version = Distribution.VERSION;
        String[] generate = {"org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate",
                "-DarchetypeGroupId=dev.contrastive", "-DarchetypeArtifactId=toolkit-plugin-archetype",
                "-DarchetypeVersion=" + version, "-DgroupId=org.example", "-DartifactId=demo-plugin",
                "-Dversion=1.0.0", "-Dpackage=org.example.demo", "-DinteractiveMode=false"};
        Path repository = dir.resolve("repository");

        // Before the deploy the archetype is nowhere: the mirror serves nothing of the toolkit.
        Path before = Files.createDirectories(dir.resolve("before"));
        try (ThirdPartyMaven maven = ThirdPartyMaven.in(before, repository)) {
            PluginProject.Outcome missing = PluginProject.run(maven.options(), before, generate);
            assertThat(missing.exitCode()).as(missing.output()).isNotZero();
            assertThat(missing.output()).contains("The desired archetype does not exist (dev.contrastive:"
                    + "toolkit-plugin-archetype:" + version + ")");
        }

        Path project;
        Path consumer = Files.createDirectories(dir.resolve("consumer"));
        try (ThirdPartyMaven maven = ThirdPartyMaven.in(consumer, repository)) {
            maven.deployToolkit(Files.createDirectories(dir.resolve("deploy")), repository);
            assertDeployed(repository.resolve("dev/contrastive"), version);
            assertThat(maven.localRepository()).as("the third party's local repository, before it starts")
                    .isEmptyDirectory();

            PluginProject.maven(maven.options(), consumer, generate);
            project = consumer.resolve("demo-plugin");
            PluginProject.maven(maven.options(), project, "package");
        }
        for (String test : new String[] {"MyObjectiveTest", "MyPolicyTest"}) {
            assertThat(project.resolve("target/surefire-reports/TEST-org.example.demo." + test + ".xml")).isRegularFile();
        }
        Path plugins = project.resolve("target/plugin");
        assertThat(plugins.resolve("demo-plugin-1.0.0.jar")).isRegularFile();

        Distribution.Result listed = Distribution.cli("plugins", "--verbose", "--plugins", plugins.toString());
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("demo-plugin 1.0.0 (org.example)")
                .contains("requires toolkit >=" + Distribution.VERSION + " & <")
                .contains("objective demo-plugin").contains("uniformity: 1.0")
                .contains("policy    demo-plugin-invert").contains("p: 0.5");

        // the generated run file: its objective, its policy in every weak view
        Distribution.Result run = train(project.resolve("run.yaml"), plugins);
        assertThat(run.out()).contains("L_uniform");
    }

    /** What mvn deploy publishes: the libraries, with sources and javadoc where a reader needs them. */
    private static void assertDeployed(Path deployed, String version) throws IOException {
        try (var artifacts = Files.list(deployed)) {
            assertThat(artifacts.map(a -> a.getFileName().toString())).containsExactlyInAnyOrder("toolkit-parent",
                    "toolkit-api", "toolkit-inference", "toolkit-plugins", "plugin-moco", "plugin-simclr",
                    "plugin-byol", "plugin-simsiam", "plugin-mocov3", "plugin-dino", "plugin-instdisc", "plugin-strong-augment", "plugin-clsa-ddm",
                    "toolkit-plugin-archetype");
        }
        for (String artifact : new String[] {"toolkit-api", "toolkit-inference", "toolkit-plugin-archetype"}) {
            for (String classifier : new String[] {"sources", "javadoc"}) {
                assertThat(deployed.resolve(artifact + "/" + version + "/" + artifact + "-" + version + "-"
                        + classifier + ".jar")).isNotEmptyFile();
            }
        }
    }

    @Test
    void theThirdPartyExampleTrainsAloneUnderClsaAndWithItsPolicyInAView() throws Exception {
        Path project = PluginProject.copy(PluginProject.toolkitRoot().resolve("examples/third-party-plugin"),
                dir.resolve("third-party-plugin"));
        PluginProject.maven(project, "package");
        Path plugins = project.resolve("target/plugin");

        assertThat(train(project.resolve("barlow.yaml"), plugins).out()).contains("L_C");
        Distribution.Result clsa = train(project.resolve("barlow+clsa.yaml"), plugins);
        assertThat(clsa.out()).contains("L_D");
        train(project.resolve("barlow-cutout.yaml"), plugins);
        for (String name : new String[] {"tiny-barlow", "tiny-barlow+clsa"}) {
            Path runFile = Files.writeString(dir.resolve(name + ".yaml"), BehaviourGoldenTest.golden(name + ".yaml"));
            BehaviourGoldenTest.check(name, runFile, dir.resolve("golden-runs"), "--plugins", plugins.toString());
        }
    }

    /** Trains a run file for a few seconds with the plugins of {@code plugins}; it must succeed. */
    private Distribution.Result train(Path runFile, Path plugins) throws IOException {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        String[] args = new String[TINY.length + 6];
        System.arraycopy(new String[] {"run", runFile.toString(), "--plugins", plugins.toString(), "--runs-dir",
                runs.toString()}, 0, args, 0, 6);
        System.arraycopy(TINY, 0, args, 6, TINY.length);
        Distribution.Result result = Distribution.cli(args);
        assertThat(result.exitCode()).as(runFile + ": " + result.err()).isZero();
        assertThat(result.out()).contains("done: kNN top-1");
        return result;
    }
}
