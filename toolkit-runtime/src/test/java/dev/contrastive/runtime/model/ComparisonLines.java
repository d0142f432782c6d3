package dev.contrastive.runtime.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines the export tests' PyTorch scripts print, {@code NAME max_abs_diff X max_abs_feature Y}:
 * what was compared, the largest difference from the toolkit's values, and the largest value.
 */
record ComparisonLines(String name, double difference, double scale) {

    private static final Pattern LINE = Pattern.compile("(\\S+) max_abs_diff (\\S+) max_abs_feature (\\S+)");

    /** Every such line of {@code output}, in order. */
    static List<ComparisonLines> of(String output) {
        Matcher m = LINE.matcher(output);
        List<ComparisonLines> lines = new ArrayList<>();
        while (m.find()) {
            lines.add(new ComparisonLines(m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
        }
        return lines;
    }
}
