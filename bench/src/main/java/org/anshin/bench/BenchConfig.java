package org.anshin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.anshin.common.config.TokenHash;

/**
 * The config folder the bench stack runs with: a copy of the shipped one where every CEPTOAR has exactly one
 * webhook (to the bench's {@link WebhookSink}, every classification, no drills) and extra operators:
 * {@code bench-load-<sector>} (one per sector of verification-levels.yaml, {@link Sectors}) for the load and
 * end-to-end phases and {@code bench-0 .. bench-N-1} (banking) for the burst. Every bench operator's
 * {@code rateLimit} is lifted (perSecond and burst 1,000,000, incidentPerHour 1,000,000,000, incidentBurst
 * 1,000,000): the bench measures the pipeline's capacity, not the limiter.
 */
public final class BenchConfig {
    public static final String LOAD_OPERATOR = "bench-load";
    static final String SECTOR = "banking";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private BenchConfig() {
    }

    /** Bearer token of burst operator {@code i} (local bench stack only; the config holds its SHA-256). */
    public static String operatorToken(int i) {
        return "bench-token-" + i;
    }

    public static String loadToken() {
        return "bench-token-load";
    }

    /**
     * Writes the bench config to {@code target} (created or overwritten) from the shipped config in {@code source}.
     *
     * @param webhookBase base URL of the sink; CEPTOAR {@code id} posts to {@code webhookBase + "/hook/" + id}
     */
    public static void write(Path source, Path target, String webhookBase, int burstOperators) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ObjectNode ceptoars = (ObjectNode) YAML.readTree(target.resolve("ceptoars.yaml").toFile());
        for (JsonNode c : ceptoars.withArray("ceptoars")) {
            // the shipped escalation tiers name channels replaced here (and the bench acknowledges nothing)
            ((ObjectNode) c).remove("escalation");
            ArrayNode channels = ((ObjectNode) c).putArray("channels");
            channels.addObject().put("type", "webhook").put("url", webhookBase + "/hook/" + c.path("id").asText());
        }
        YAML.writeValue(target.resolve("ceptoars.yaml").toFile(), ceptoars);

        ObjectNode operators = (ObjectNode) YAML.readTree(target.resolve("operators.yaml").toFile());
        ArrayNode list = operators.withArray("operators");
        addOperator(list, LOAD_OPERATOR, loadToken());
        for (Sectors.Sector s : Sectors.load(target).all()) {
            addOperator(list, s.operatorId(), s.token(), s.code());
        }
        for (int i = 0; i < burstOperators; i++) {
            addOperator(list, "bench-" + i, operatorToken(i), SECTOR);
        }
        YAML.writeValue(target.resolve("operators.yaml").toFile(), operators);
    }

    private static void addOperator(ArrayNode list, String id, String token) {
        addOperator(list, id, token, SECTOR);
    }

    private static void addOperator(ArrayNode list, String id, String token, String sector) {
        ObjectNode o = list.addObject();
        o.put("id", id);
        o.put("name", "Benchmark operator " + id);
        o.putArray("sectors").add(sector);
        o.put("tokenSha256", TokenHash.sha256Hex(token));
        // capacity is measured, not the limiters: the operator's and each incident's limits are lifted
        o.putObject("rateLimit").put("perSecond", 1_000_000).put("burst", 1_000_000)
                .put("incidentPerHour", 1_000_000_000).put("incidentBurst", 1_000_000);
    }

}
