package dev.contrastive.runtime.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The module structure, read from the compiled classes by the JDK's {@code jdeps}: no package of
 * the runtime depends, through others, on a package that depends on it; neither the API nor a
 * bundled plugin depends on the runtime.
 */
class PackageDependenciesTest {

    private static final String RUNTIME = "dev.contrastive.runtime";

    @Test
    void theRuntimesPackagesFormNoCycle() throws IOException {
        Map<String, Map<String, Set<String>>> graph = packageGraph(Path.of("target/classes"), RUNTIME);
        assertThat(graph).as("jdeps found the runtime's packages").containsKeys(RUNTIME + ".train", RUNTIME + ".eval");
        assertThat(cycles(graph)).as("package cycles (with the classes that make each edge)").isEmpty();
    }

    @Test
    void theApiAndThePluginsDoNotDependOnTheRuntime() throws IOException {
        List<Path> folders = new ArrayList<>(List.of(Path.of("../toolkit-api/target/classes")));
        try (Stream<Path> plugins = Files.list(Path.of("../plugins"))) {
            plugins.map(p -> p.resolve("target/classes")).filter(Files::isDirectory).sorted().forEach(folders::add);
        }
        assertThat(folders).as("the API and the bundled plugins, built").hasSizeGreaterThanOrEqualTo(6)
                .allMatch(Files::isDirectory);
        for (Path classes : folders) {
            String jdeps = jdeps("-verbose:class", "-filter:none", "-e", RUNTIME.replace(".", "\\.") + "\\..*",
                    classes.toString());
            assertThat(jdeps.lines().filter(line -> line.contains("-> " + RUNTIME + "."))).as(classes.toString())
                    .isEmpty();
        }
    }

    @Test
    void aCycleIsFoundAndNamed() {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        edge(graph, "p.a", "p.b", "p.a.A -> p.b.B");
        edge(graph, "p.b", "p.c", "p.b.B -> p.c.C");
        edge(graph, "p.c", "p.a", "p.c.C -> p.a.A");
        edge(graph, "p.c", "p.d", "p.c.C -> p.d.D");
        assertThat(cycles(graph)).containsExactly("p.a -> p.b (p.a.A -> p.b.B)", "p.b -> p.c (p.b.B -> p.c.C)",
                "p.c -> p.a (p.c.C -> p.a.A)");
        graph.get("p.c").remove("p.a");
        assertThat(cycles(graph)).isEmpty();
    }

    /** Package to package it uses to the class edges behind it, from {@code jdeps -verbose:class}. */
    private static Map<String, Map<String, Set<String>>> packageGraph(Path classes, String prefix) {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        String out = jdeps("-verbose:class", "-filter:none", "-e", prefix.replace(".", "\\.") + "(\\..*)?",
                classes.toString());
        for (String line : out.lines().toList()) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && words[0].startsWith(prefix)
                    && words[2].startsWith(prefix)) {
                String from = packageOf(words[0]);
                String to = packageOf(words[2]);
                if (!from.equals(to)) {
                    edge(graph, from, to, words[0] + " -> " + words[2]);
                }
            }
        }
        return graph;
    }

    private static void edge(Map<String, Map<String, Set<String>>> graph, String from, String to, String why) {
        graph.computeIfAbsent(from, p -> new TreeMap<>()).computeIfAbsent(to, p -> new TreeSet<>()).add(why);
        graph.computeIfAbsent(to, p -> new TreeMap<>());
    }

    private static String packageOf(String type) {
        String outer = type.split("\\$")[0];
        return outer.substring(0, outer.lastIndexOf('.'));
    }

    /** Every edge that lies on a cycle, as "a -> b (one class edge behind it)". */
    private static List<String> cycles(Map<String, Map<String, Set<String>>> graph) {
        List<String> found = new ArrayList<>();
        graph.forEach((from, targets) -> targets.forEach((to, why) -> {
            if (reaches(graph, to, from)) {
                found.add(from + " -> " + to + " (" + why.iterator().next() + ")");
            }
        }));
        return found;
    }

    private static boolean reaches(Map<String, Map<String, Set<String>>> graph, String start, String goal) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (next.equals(goal)) {
                return true;
            }
            if (seen.add(next)) {
                todo.addAll(graph.getOrDefault(next, Map.of()).keySet());
            }
        }
        return false;
    }

    private static String jdeps(String... args) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(
                () -> new AssertionError("this JDK has no jdeps"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
