package org.anshin.ingest.http;

import io.javalin.config.Key;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Optional;

/**
 * Where problem {@code type} URIs point: {@code --problem-base-url} when given, otherwise this service's own
 * {@code /problems/} on the port that took the request (so the default, {@code http://127.0.0.1:8080/problems/},
 * resolves on a developer's machine, and a test's ephemeral port resolves too). Kept as app data, not a static.
 */
public record ProblemTypes(Optional<URI> base) {
    static final Key<ProblemTypes> KEY = new Key<>("anshin.problem-types");
    public static final String PATH = "/problems/";

    public ProblemTypes {
        base.ifPresent(ProblemTypes::check);
    }

    /** Refuses a base that would make relative or oddly joined type URIs. */
    public static URI check(URI uri) {
        if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || !uri.getPath().endsWith("/") || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("--problem-base-url must be an absolute http(s) URL ending in '/'"
                    + " without query or fragment, got " + uri);
        }
        return uri;
    }

    static ProblemTypes of(Context ctx) {
        return ctx.appData(KEY);
    }

    /** The absolute type URI of {@code slug} for an answer to this request. */
    String uri(Context ctx, String slug) {
        String prefix = base.map(URI::toString)
                .orElseGet(() -> "http://127.0.0.1:" + ctx.req().getLocalPort() + PATH);
        return prefix + slug;
    }
}
