package org.anshin.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /problems/{name}}: the section of docs/PROBLEMS.md (copied into the jar at build) that a problem
 * {@code type} URI names, so every type URI this service sends resolves to its documentation.
 */
public final class ProblemDocs implements Handler {
    public static final String RESOURCE = "/problems/PROBLEMS.md";
    public static final String CONTENT_TYPE = "text/markdown; charset=utf-8";

    private final Map<String, String> sections;

    private ProblemDocs(Map<String, String> sections) {
        this.sections = Map.copyOf(sections);
    }

    public static ProblemDocs load() {
        try (InputStream in = ProblemDocs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath (copied from docs/ at build)");
            }
            return new ProblemDocs(sections(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each {@code ## slug} heading up to the next one, heading included. */
    static Map<String, String> sections(String markdown) {
        Map<String, String> out = new LinkedHashMap<>();
        String slug = null;
        StringBuilder text = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("## ")) {
                if (slug != null) {
                    out.put(slug, text.toString().strip() + "\n");
                }
                slug = line.substring(3).strip();
                text.setLength(0);
            }
            if (slug != null) {
                text.append(line).append('\n');
            }
        }
        if (slug != null) {
            out.put(slug, text.toString().strip() + "\n");
        }
        return out;
    }

    public boolean documents(String slug) {
        return sections.containsKey(slug);
    }

    @Override
    public void handle(Context ctx) {
        String section = sections.get(ctx.pathParam("name"));
        if (section == null) {
            Problem.ROUTE_NOT_FOUND.send(ctx, "no such problem type; see " + ProblemTypes.PATH + " sections in docs/PROBLEMS.md");
            return;
        }
        ctx.contentType(CONTENT_TYPE).result(section);
    }
}
