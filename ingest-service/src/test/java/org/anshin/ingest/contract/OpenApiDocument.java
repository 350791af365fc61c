package org.anshin.ingest.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.anshin.ingest.http.IngestHttp;

/**
 * ingest-service's openapi.yaml, read as the service serves it, and the checks of one answer against it. The
 * bodies are validated by networknt's json-schema-validator with its OpenAPI 3.1 dialect, against the
 * document's own schemas (by their $ref), so what is checked is exactly what is published.
 */
final class OpenApiDocument {
    static final String EVERY_ROUTE = "x-anshin-every-route";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String LOCATION = "classpath:" + IngestHttp.OPENAPI_RESOURCE.substring(1);

    private final JsonNode doc;
    private final SchemaRegistry schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31());

    /** One answer as the test saw it: status, headers (lower-case names) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(IngestHttp.OPENAPI_RESOURCE)) {
            doc = YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every documented (path, method, status), as "METHOD /path STATUS". */
    Set<String> documentedResponses() {
        Set<String> out = new LinkedHashSet<>();
        for (String op : operations()) {
            String[] mp = op.split(" ", 2);
            operation(mp[0], mp[1]).path("responses").fieldNames()
                    .forEachRemaining(status -> out.add(op + " " + status));
        }
        doc.path(EVERY_ROUTE).path("responses").fieldNames().forEachRemaining(s -> out.add("* * " + s));
        return out;
    }

    /** Every documented operation, as "METHOD /path". */
    Set<String> operations() {
        Set<String> out = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(m -> {
                if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(m)) {
                    out.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return out;
    }

    private JsonNode operation(String method, String path) {
        return doc.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    }

    /**
     * The problems with {@code answer} as the answer of {@code method path} (the documented template), or of
     * any route when {@code path} is "*"; empty when it matches the document.
     */
    List<String> check(String method, String path, Answer answer) {
        String status = Integer.toString(answer.status());
        JsonNode response = "*".equals(path) ? doc.path(EVERY_ROUTE).path("responses").path(status)
                : operation(method, path).path("responses").path(status);
        String ref = response.path("$ref").asText(null);
        JsonNode resolved = ref == null ? response : pointer(ref);
        List<String> errors = new ArrayList<>();
        if (response.isMissingNode()) {
            errors.add("status " + status + " is not documented");
            return errors;
        }
        resolved.path("headers").fieldNames().forEachRemaining(h -> {
            if (!answer.headers().containsKey(h.toLowerCase(Locale.ROOT))) {
                errors.add("documented header " + h + " missing");
            }
        });
        JsonNode content = resolved.path("content");
        if (content.isMissingNode()) {
            return errors;
        }
        String mediaType = answer.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            errors.add("content type " + answer.contentType() + " is not one of " + iterable(content.fieldNames()));
            return errors;
        }
        JsonNode schema = media.path("schema");
        if (schema.isMissingNode()) {
            return errors;
        }
        String schemaRef = schema.path("$ref").asText(null);
        Schema validator;
        if (schemaRef != null) {
            validator = schemas.getSchema(SchemaLocation.of(LOCATION + schemaRef));
        } else if (schema.path("type").asText("").equals("string") && schema.size() == 1) {
            return errors; // a plain text body: any string is one
        } else {
            errors.add("an inline response schema; make it a components/schemas entry so it can be validated by $ref");
            return errors;
        }
        boolean json = mediaType.endsWith("json");
        if (!json) {
            return errors;
        }
        validator.validate(answer.body(), InputFormat.JSON).forEach(e -> errors.add("body: " + e));
        return errors;
    }

    private JsonNode pointer(String ref) {
        return doc.at(ref.substring(1));
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
