package org.anshin.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anshin.ingest.validation.FieldError;

/**
 * RFC 9457 problem documents. {@code type} is an absolute URI, the service's problem base URL (see
 * {@link ProblemTypes}) followed by the slug: it resolves to that problem's section of docs/PROBLEMS.md, which
 * ingest serves itself at {@code GET /problems/{name}}, so clients can switch on it without parsing {@code title}.
 */
public enum Problem {
    INVALID_REPORT(400, "invalid-report", "The report is not valid"),
    INVALID_QUERY(400, "invalid-query", "The query parameters are not valid"),
    UNAUTHORIZED(401, "unauthorized", "Missing or unknown bearer token"),
    FORBIDDEN(403, "forbidden-sector", "This operator may not report for this sector"),
    INVALID_ADVISORY(400, "invalid-advisory", "The advisory is not valid"),
    INVALID_FEEDBACK(400, "invalid-feedback", "The feedback is not valid"),
    INVALID_SHARE(400, "invalid-share", "The share is not valid"),
    INVALID_ACKNOWLEDGEMENT(400, "invalid-acknowledgement", "The acknowledgement is not valid"),
    /** A valid token of the wrong kind of caller: an operator on a secretariat endpoint, or the reverse. */
    FORBIDDEN_CALLER(403, "forbidden", "This caller may not use this endpoint"),
    FORBIDDEN_ADVISORY_SECTOR(403, "forbidden-sector", "This secretariat may not advise this sector"),
    NO_SHARING_AGREEMENT(403, "no-sharing-agreement", "No sharing agreement between these CEPTOARs"),
    TLP_FORBIDS_SHARING(403, "tlp-forbids-sharing", "The incident's TLP does not allow sharing"),
    NOT_FOUND(404, "not-found", "No such incident for this operator"),
    ADVISORY_NOT_FOUND(404, "not-found", "No such advisory for this caller"),
    INCIDENT_NOT_FOUND(404, "not-found", "No such incident"),
    TOO_LARGE(413, "too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be JSON"),
    RATE_LIMITED(429, "rate-limited", "Too many requests from this operator"),
    SECRETARIAT_RATE_LIMITED(429, "rate-limited", "Too many requests from this secretariat"),
    INCIDENT_RATE_LIMITED(429, "incident-rate-limited", "Too many reports for this incident"),
    /** A path this service does not serve at all (the API's own 404s say what was not found). */
    ROUTE_NOT_FOUND(404, "not-found", "No such resource"),
    /** A path it serves, with a method it does not: the answer carries {@code Allow}. */
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "This method is not allowed on this resource"),
    INTERNAL(500, "internal", "Unexpected server error"),
    UNAVAILABLE(503, "unavailable", "Service temporarily unavailable");

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String slug;
    private final String title;

    Problem(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The last segment of the type URI, and the heading of its section in docs/PROBLEMS.md. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** The absolute type URI this request's answer carries. */
    public String type(Context ctx) {
        return ProblemTypes.of(ctx).uri(ctx, slug);
    }

    public void send(Context ctx, String detail) {
        send(ctx, detail, List.of());
    }

    public void send(Context ctx, String detail, List<FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type(ctx));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.path());
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
