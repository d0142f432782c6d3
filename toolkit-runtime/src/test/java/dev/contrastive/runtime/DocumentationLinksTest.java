package dev.contrastive.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every relative link of README.md and docs/*.md leads somewhere: the file or folder exists and
 * an {@code #anchor} is a heading of the page it names (GitHub's anchors). Links to the web are
 * not followed.
 */
class DocumentationLinksTest {

    static final Path ROOT = Distribution.home().toAbsolutePath().getParent();

    private static final Pattern INLINE = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages).hasSizeGreaterThan(5);
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : links(Files.readString(page))) {
                checked++;
                String problem = problem(page, target, anchors);
                if (problem != null) {
                    broken.add(ROOT.relativize(page) + ": (" + target + ") " + problem);
                }
            }
        }
        assertThat(broken).as("broken links:\n%s", String.join("\n", broken)).isEmpty();
        assertThat(checked).isGreaterThan(20);
    }

    /** The check itself, on a page written for it. */
    @Test
    void aMissingFileOrAnchorIsFound(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path page = Files.writeString(dir.resolve("page.md"), """
                # A page: with `code` & more
                ## Twice
                ## Twice
                [ok](#a-page-with-code--more) [ok](#twice-1) [no](#nowhere) [self](page.md#twice) [gone](gone.md)
                `[not a link](nowhere.md)` and [web](https://example.org/x#y)
                ```
                [in code](nowhere.md)
                ```
                """);
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (String target : links(Files.readString(page))) {
            String problem = problem(page, target, anchors);
            if (problem != null) {
                problems.add(target);
            }
        }
        assertThat(problems).containsExactly("#nowhere", "gone.md");
    }

    /** Link targets outside code blocks and code spans. */
    static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.lines().toList()) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = line.replaceAll("`[^`]*`", "``");
            Matcher definition = DEFINITION.matcher(text);
            if (definition.matches()) {
                targets.add(definition.group(1));
                continue;
            }
            Matcher inline = INLINE.matcher(text);
            while (inline.find()) {
                targets.add(inline.group(1));
            }
        }
        return targets;
    }

    /** Why a link from {@code page} does not resolve, or null when it does. */
    private static String problem(Path page, String target, Map<Path, Set<String>> anchors) throws IOException {
        if (target.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return null; // https:, mailto:
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (anchor == null) {
            return null;
        }
        if (!file.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        Set<String> known = anchors.computeIfAbsent(file, f -> {
            try {
                return anchors(Files.readString(f));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return known.contains(anchor) ? null : "no heading with this anchor in " + file.getFileName();
    }

    /** The anchors GitHub gives a page's headings (and explicit {@code <a id>} anchors). */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.lines().toList()) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: its text, lower case, without punctuation, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // a link: its text
                .replaceAll("<[^>]+>", "");                                    // HTML tags
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M}\\p{Pc} -]", "").replace(' ', '-');
    }
}
