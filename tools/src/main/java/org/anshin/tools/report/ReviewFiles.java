package org.anshin.tools.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The review's files: review-FY2026.md, .csv and .svg, and review-FY2026-sharing.svg (or review-FROM_TO.*) in one
 * folder.
 */
public final class ReviewFiles {
    private ReviewFiles() {
    }

    /** Writes the Markdown, CSV and the two SVGs of the review into {@code dir} (made if missing); returns their paths. */
    public static List<Path> write(Review review, Path dir) throws IOException {
        Files.createDirectories(dir);
        String stem = review.range().fileStem();
        Path md = dir.resolve(stem + ".md");
        Path csv = dir.resolve(stem + ".csv");
        Path svg = dir.resolve(stem + ".svg");
        Path sharing = dir.resolve(stem + "-sharing.svg");
        Files.writeString(md, MarkdownRenderer.render(review), StandardCharsets.UTF_8);
        Files.writeString(csv, CsvRenderer.render(review), StandardCharsets.UTF_8);
        Files.writeString(svg, SvgChart.render(review), StandardCharsets.UTF_8);
        Files.writeString(sharing, SharingChart.render(review), StandardCharsets.UTF_8);
        return List.of(md, csv, svg, sharing);
    }
}
