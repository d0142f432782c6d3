package dev.contrastive.runtime.outside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * A third party's Maven: an empty local repository of its own, the toolkit's artifacts only from a
 * file repository the toolkit was deployed to (repository id {@value #TOOLKIT_REPOSITORY}), and
 * every other artifact from a mirror that is a view of the local repository of the build running
 * the tests without the toolkit's groupId: symbolic links to everything else, nothing copied.
 */
final class ThirdPartyMaven implements AutoCloseable {

    static final String TOOLKIT_GROUP = "dev.contrastive";
    static final String TOOLKIT_REPOSITORY = "toolkit";

    /** What {@code mvn deploy} builds of the toolkit: everything but the application's modules. */
    private static final String DEPLOYED_MODULES = "!toolkit-runtime,!toolkit-spark";

    private final Path view;
    private final Path settings;
    private final Path localRepository;

    private ThirdPartyMaven(Path view, Path settings, Path localRepository) {
        this.view = view;
        this.settings = settings;
        this.localRepository = localRepository;
    }

    /**
     * A third party in {@code dir}: its settings, the mirror view and an empty local repository; the
     * toolkit's repository is {@code repository}, which may be absent still.
     */
    static ThirdPartyMaven in(Path dir, Path repository) throws IOException {
        Path view = view(PluginProject.localRepository(), dir.resolve("third-party"));
        Path settings = Files.writeString(dir.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror><id>third-party</id><mirrorOf>*,!%2$s</mirrorOf><url>%1$s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>%2$s</id>
                      <repositories><repository><id>%2$s</id><url>%3$s</url></repository></repositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>%2$s</activeProfile></activeProfiles>
                </settings>
                """.formatted(view.toUri(), TOOLKIT_REPOSITORY, repository.toUri()));
        return new ThirdPartyMaven(view, settings, Files.createDirectories(dir.resolve("m2")));
    }

    /**
     * {@code mvn deploy -DaltDeploymentRepository=toolkit::file://REPOSITORY}, as README's "As a
     * library" has it, on a copy of the toolkit's modules, with an empty local repository of its own
     * and this settings' mirror; without the tests (the reactor runs them) and without the modules
     * that set {@code maven.deploy.skip}. Not offline: the deploy plugin refuses {@code -o}, but
     * every repository is a {@code file:} folder, so no request leaves the machine.
     */
    void deployToolkit(Path work, Path repository) throws IOException, InterruptedException {
        Path source = Files.createDirectories(work.resolve("toolkit"));
        Path root = PluginProject.toolkitRoot();
        Files.copy(root.resolve("pom.xml"), source.resolve("pom.xml"));
        try (var entries = Files.list(root)) {
            for (Path module : entries.filter(e -> Files.isRegularFile(e.resolve("pom.xml"))).toList()) {
                PluginProject.copy(module, source.resolve(module.getFileName().toString()));
            }
        }
        PluginProject.maven(List.of("-s", settings.toString(), "-Dmaven.repo.local=" + work.resolve("m2")), source,
                "deploy", "-DskipTests", "-Ddist.skip=true", "-pl", DEPLOYED_MODULES,
                "-DaltDeploymentRepository=" + TOOLKIT_REPOSITORY + "::" + repository.toUri());
    }

    /**
     * Offline; {@code aether.offline.protocols=file} lets the resolver read the {@code file:}
     * repositories that {@code -o} would refuse too.
     */
    List<String> options() {
        return List.of("-o", "-Daether.offline.protocols=file", "-s", settings.toString(),
                "-Dmaven.repo.local=" + localRepository);
    }

    Path localRepository() {
        return localRepository;
    }

    /** Removes the view's links, so that deleting the folder later never follows one into the real repository. */
    @Override
    public void close() throws IOException {
        try (var paths = Files.walk(view)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The local repository {@code real} without {@link #TOOLKIT_GROUP}'s folder, as links in {@code view}. */
    private static Path view(Path real, Path view) throws IOException {
        Path from = real.toAbsolutePath();
        Path to = view;
        for (String part : TOOLKIT_GROUP.split("\\.")) {
            Files.createDirectories(to);
            if (!Files.isDirectory(from)) {
                break;
            }
            try (var entries = Files.list(from)) {
                for (Path entry : entries.filter(e -> !e.getFileName().toString().equals(part)).toList()) {
                    Files.createSymbolicLink(to.resolve(entry.getFileName().toString()), entry);
                }
            }
            from = from.resolve(part);
            to = to.resolve(part);
        }
        return view;
    }
}
