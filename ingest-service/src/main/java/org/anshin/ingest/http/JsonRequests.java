package org.anshin.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;
import org.anshin.ingest.validation.BodyParser;
import org.anshin.ingest.validation.InvalidReportException;

/**
 * The body handling every JSON POST shares with {@code POST /v1/incidents}: size by Content-Length before
 * anything else, then (after authentication) media type, size again while reading (chunked bodies), UTF-8,
 * strict JSON (duplicate keys, trailing tokens refused), an object.
 */
public final class JsonRequests {
    private static final BodyParser PARSER = new BodyParser();

    private JsonRequests() {
    }

    /** True (and a 413 sent) when the announced body is too large, before it is read or the caller known. */
    public static boolean announcedTooLarge(Context ctx, int maxBytes) {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            Problem.TOO_LARGE.send(ctx, "the body may be at most " + maxBytes + " bytes");
            return true;
        }
        return false;
    }

    /** The body as a JSON object, or empty with the problem (415, 413 or {@code invalid}) already sent. */
    public static Optional<JsonNode> object(Context ctx, int maxBytes, Problem invalid) {
        return read(ctx, maxBytes, invalid, false);
    }

    /**
     * As {@link #object}, for an endpoint whose body is optional: no body at all (Content-Length 0, or neither a
     * length nor chunked transfer nor a media type, as {@code curl -X POST} sends) and a JSON body of zero bytes
     * are an empty object; a body that is there follows every rule of {@link #object}.
     */
    public static Optional<JsonNode> objectOrEmpty(Context ctx, int maxBytes, Problem invalid) {
        long length = ctx.req().getContentLengthLong();
        if (length == 0 || (length < 0 && ctx.header("Transfer-Encoding") == null
                && ctx.header("Content-Type") == null)) {
            return Optional.of(Json.MAPPER.createObjectNode());
        }
        return read(ctx, maxBytes, invalid, true);
    }

    private static Optional<JsonNode> read(Context ctx, int maxBytes, Problem invalid, boolean emptyIsObject) {
        if (!MediaTypes.isJson(ctx.header("Content-Type"))) {
            Problem.UNSUPPORTED_MEDIA_TYPE.send(ctx, "send Content-Type: application/json (UTF-8)");
            return Optional.empty();
        }
        byte[] body;
        try {
            body = PostIncidentHandler.readAtMost(ctx.req().getInputStream(), maxBytes);
        } catch (IOException e) {
            invalid.send(ctx, "the body could not be read: " + e.getMessage());
            return Optional.empty();
        }
        if (body == null) {
            Problem.TOO_LARGE.send(ctx, "the body may be at most " + maxBytes + " bytes");
            return Optional.empty();
        }
        if (emptyIsObject && body.length == 0) {
            return Optional.of(Json.MAPPER.createObjectNode());
        }
        try {
            return Optional.of(PARSER.parseObject(body));
        } catch (InvalidReportException e) {
            invalid.send(ctx, "the body is not a JSON object", e.errors());
            return Optional.empty();
        }
    }

    public static byte[] bytes(Object value) {
        return Json.bytes(value);
    }

    /** A JSON answer of routing-service, or empty when it is not JSON. */
    public static Optional<JsonNode> tree(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return Optional.ofNullable(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
