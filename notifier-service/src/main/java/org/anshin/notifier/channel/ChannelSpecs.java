package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.anshin.common.config.Ceptoar;
import org.anshin.common.config.Ceptoars;
import org.anshin.common.config.ConfigException;
import org.anshin.schemas.Classification;

/**
 * Reads and validates the {@code channels} of every CEPTOAR. A wrong entry stops start-up with a
 * {@link ConfigException} naming the file and the channel.
 */
public final class ChannelSpecs {
    public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
    private static final Set<String> KEYS = Set.of("id", "type", "url", "smtp", "from", "to", "routingKey",
            "minClassification", "exercise", "groupWait", "ratePerSecond");

    private ChannelSpecs() {
    }

    /** Channels by CEPTOAR id, in config order. */
    public static Map<String, List<ChannelSpec>> parse(Path file, Ceptoars ceptoars) {
        Map<String, List<ChannelSpec>> out = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (Ceptoar ceptoar : ceptoars.byId().values()) {
            List<ChannelSpec> specs = new ArrayList<>();
            int index = 0;
            for (JsonNode node : ceptoar.channels()) {
                index++;
                ChannelSpec spec = parseOne(file, ceptoar.id(), index, node);
                if (!ids.add(spec.id())) {
                    throw new ConfigException(file, "channel '" + spec.id() + "'", "id used twice");
                }
                specs.add(spec);
            }
            out.put(ceptoar.id(), List.copyOf(specs));
        }
        return out;
    }

    static ChannelSpec parseOne(Path file, String ceptoarId, int index, JsonNode node) {
        String position = "CEPTOAR '" + ceptoarId + "' channels[" + (index - 1) + "]";
        if (!node.isObject()) {
            throw new ConfigException(file, position, "must be a mapping with at least 'type'");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new ConfigException(file, position, "unknown key '" + k + "' (known: " + KEYS + ")");
            }
        });
        String typeText = text(node, "type");
        ChannelType type = ChannelType.of(typeText == null ? "" : typeText).orElseThrow(() ->
                new ConfigException(file, position, "'type' must be one of webhook, email, slack, pagerduty, "
                        + "alertmanager (got '" + typeText + "')"));
        String id = Optional.ofNullable(text(node, "id")).orElse(ceptoarId + "/" + type.tag() + "-" + index);
        String where = "channel '" + id + "'";

        URI url = type == ChannelType.EMAIL ? uri(file, where, node, "smtp", null, "smtp", "smtps")
                : uri(file, where, node, "url", type == ChannelType.PAGERDUTY ? PAGERDUTY_EVENTS_URL : null,
                "http", "https");
        Optional<String> from = Optional.ofNullable(text(node, "from"));
        List<String> to = new ArrayList<>();
        JsonNode toNode = node.get("to");
        if (toNode != null && toNode.isArray()) {
            toNode.forEach(n -> to.add(n.asText()));
        } else if (toNode != null && !toNode.isNull()) {
            to.add(toNode.asText());
        }
        if (type == ChannelType.EMAIL && (from.isEmpty() || to.isEmpty())) {
            throw new ConfigException(file, where, "an email channel needs 'from' and a non-empty 'to'");
        }
        Optional<String> routingKey = Optional.ofNullable(text(node, "routingKey"));
        if (type == ChannelType.PAGERDUTY && routingKey.isEmpty()) {
            throw new ConfigException(file, where, "a pagerduty channel needs 'routingKey' (the integration key)");
        }
        Classification min = Classification.BELOW_VERIFICATION_LEVEL;
        String minText = text(node, "minClassification");
        if (minText != null) {
            try {
                min = Classification.valueOf(minText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file, where, "'minClassification' must be EXCEEDS_VERIFICATION_LEVEL or "
                        + "BELOW_VERIFICATION_LEVEL (got '" + minText + "')");
            }
        }
        boolean exercise = node.path("exercise").asBoolean(false);
        Duration groupWait = duration(file, where, text(node, "groupWait"));
        double rate = node.path("ratePerSecond").asDouble(0);
        if (rate < 0 || Double.isNaN(rate)) {
            throw new ConfigException(file, where, "'ratePerSecond' must be >= 0");
        }
        return new ChannelSpec(id, ceptoarId, type, url, from, to, routingKey, min, exercise, groupWait, rate);
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().trim();
    }

    private static URI uri(Path file, String where, JsonNode node, String key, String fallback, String... schemes) {
        String text = Optional.ofNullable(text(node, key)).orElse(fallback);
        if (text == null) {
            throw new ConfigException(file, where, "needs '" + key + "'");
        }
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new ConfigException(file, where, "'" + key + "' must be a " + String.join(" or ", schemes)
                        + " URL with a host (got '" + text + "')");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(file, where, "'" + key + "' is not a URL: " + e.getMessage());
        }
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms} or ISO-8601 {@code PT30S}; absent: no grouping. */
    static Duration duration(Path file, String where, String text) {
        if (text == null) {
            return Duration.ZERO;
        }
        try {
            Duration d;
            if (text.startsWith("P") || text.startsWith("p")) {
                d = Duration.parse(text);
            } else if (text.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
            } else if (text.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).trim()));
            } else if (text.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1).trim()));
            } else {
                throw new NumberFormatException("no unit");
            }
            if (d.isNegative() || d.compareTo(Duration.ofHours(1)) > 0) {
                throw new ConfigException(file, where, "'groupWait' must be between 0 and 1h (got '" + text + "')");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigException(file, where, "'groupWait' must look like 30s, 2m, 500ms or PT30S (got '"
                    + text + "')");
        }
    }
}
