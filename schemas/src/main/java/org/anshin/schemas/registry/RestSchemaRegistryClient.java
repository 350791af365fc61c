package org.anshin.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Confluent Schema Registry REST client over {@code java.net.http}. Confluent's own client is not on
 * Maven Central, which is the only reason this class exists. It caches ids both ways (schemas are
 * immutable once registered), retries I/O errors and 5xx answers with exponential backoff, and turns
 * 4xx answers into {@link SchemaRegistryException} subclasses at once.
 */
public final class RestSchemaRegistryClient implements SchemaRegistry {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(3), Duration.ofSeconds(10), 4, Duration.ofMillis(100));
    }

    public RestSchemaRegistryClient(String baseUrl, Duration connectTimeout, Duration requestTimeout,
                                    int maxAttempts, Duration initialBackoff) {
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.requestTimeout = requestTimeout;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.initialBackoff = initialBackoff;
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer;
        try {
            answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), subject);
        } catch (SchemaRegistryException.Incompatible conflict) {
            // Some registries (Apicurio) also answer 409 when another client registered the same schema
            // at the same moment. If the schema is there now, that is success; otherwise it is incompatible.
            try {
                return idOf(subject, schema);
            } catch (SchemaRegistryException.NotFound reallyIncompatible) {
                throw conflict;
            }
        }
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("registry answered without an id for subject " + subject, 200);
        }
        remember(subject, schema, id);
        return id;
    }

    @Override
    public int idOf(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema), subject);
        int id = answer.path("id").asInt(-1);
        if (id < 0) {
            throw new SchemaRegistryException("registry answered without an id for subject " + subject, 200);
        }
        remember(subject, schema, id);
        return id;
    }

    @Override
    public Schema byId(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, null);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema), subject);
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException.NotFound noVersionYet) {
            return true; // nothing registered yet: anything is compatible
        }
    }

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private void remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private JsonNode send(String method, String path, String body, String subject) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        Duration backoff = initialBackoff;
        Exception lastError = null;
        int lastStatus = 0;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return JSON.readTree(response.body());
                }
                if (status < 500) {
                    throw clientError(method, uri, status, response.body(), subject);
                }
                lastStatus = status;
                lastError = new IOException("HTTP " + status + ": " + abbreviate(response.body()));
            } catch (IOException e) {
                lastError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException.Unavailable("interrupted while calling " + uri, 0, e);
            }
            if (attempt < maxAttempts) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new SchemaRegistryException.Unavailable("schema registry at " + baseUrl + " unavailable after "
                + maxAttempts + " attempts (" + method + " " + path + "): " + lastError, lastStatus, lastError);
    }

    private static SchemaRegistryException clientError(String method, URI uri, int status, String body, String subject) {
        String message = errorMessage(body);
        if (status == 409) {
            return new SchemaRegistryException.Incompatible("schema for subject '" + subject
                    + "' is incompatible with the registered versions: " + message);
        }
        if (status == 404) {
            return new SchemaRegistryException.NotFound(method + " " + uri + " not found"
                    + (subject == null ? "" : " (subject '" + subject + "')") + ": " + message);
        }
        return new SchemaRegistryException(method + " " + uri + " refused with HTTP " + status + ": " + message, status);
    }

    private static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.has("message")) {
                return node.get("message").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw body
        }
        return abbreviate(body);
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
