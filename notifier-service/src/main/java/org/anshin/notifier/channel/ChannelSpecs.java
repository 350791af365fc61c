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
import java.util.TreeSet;
import org.anshin.common.config.Ceptoar;
import org.anshin.common.config.Ceptoars;
import org.anshin.common.config.ConfigException;
import org.anshin.common.config.Secrets;
import org.anshin.schemas.Classification;
import org.anshin.schemas.Tlp;

/**
 * Reads and validates the {@code channels} of every CEPTOAR. A wrong entry stops start-up with a
 * {@link ConfigException} naming the file, the channel and the key; no message echoes a secret (URLs go
 * through {@link Secrets#redact}, other secret values are never quoted).
 */
public final class ChannelSpecs {
    public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
    private static final Set<String> KEYS = Set.of("id", "type", "url", "smtp", "username", "password", "from",
            "to", "routingKey", "minClassification", "exercise", "groupWait", "ratePerSecond", "maxTlp");

    private ChannelSpecs() {
    }

    /** Channels by CEPTOAR id, in config order; secret references resolved from the process environment. */
    public static Map<String, List<ChannelSpec>> parse(Path file, Ceptoars ceptoars) {
        return parse(file, ceptoars, Secrets.fromEnvironment());
    }

    public static Map<String, List<ChannelSpec>> parse(Path file, Ceptoars ceptoars, Secrets secrets) {
        Map<String, List<ChannelSpec>> out = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (Ceptoar ceptoar : ceptoars.byId().values()) {
            List<ChannelSpec> specs = new ArrayList<>();
            int index = 0;
            for (JsonNode node : ceptoar.channels()) {
                index++;
                ChannelSpec spec = parseOne(file, ceptoar.id(), index, node, secrets);
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
        return parseOne(file, ceptoarId, index, node, Secrets.fromEnvironment());
    }

    static ChannelSpec parseOne(Path file, String ceptoarId, int index, JsonNode node, Secrets secrets) {
        String position = "CEPTOAR '" + ceptoarId + "' channels[" + (index - 1) + "]";
        if (!node.isObject()) {
            throw new ConfigException(file, position, "must be a mapping with at least 'type'");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new ConfigException(file, position, "unknown key '" + k + "' (known: " + new TreeSet<>(KEYS)
                        + ")");
            }
        });
        ChannelEntry e = new ChannelEntry(file, position, node, secrets);
        String typeText = e.text("type");
        ChannelType type = ChannelType.of(typeText == null ? "" : typeText).orElseThrow(() ->
                e.error("'type' must be one of webhook, email, slack, pagerduty, alertmanager (got '" + typeText + "')"));
        String id = Optional.ofNullable(e.text("id")).orElse(ceptoarId + "/" + type.tag() + "-" + index);
        e.renameTo("channel '" + id + "'");

        URI url;
        Optional<SmtpLogin> login = Optional.empty();
        if (type == ChannelType.EMAIL) {
            URI smtp = uri(e, "smtp", null, "smtp", "smtps");
            login = SmtpLogins.of(e, smtp);
            url = SmtpLogins.withoutUserInfo(smtp);
        } else {
            for (String k : List.of("smtp", "username", "password")) {
                if (e.has(k)) {
                    throw e.error("'" + k + "' is for email channels only");
                }
            }
            url = uri(e, "url", type == ChannelType.PAGERDUTY ? PAGERDUTY_EVENTS_URL : null, "http", "https");
        }
        Optional<String> from = Optional.ofNullable(e.text("from"));
        List<String> to = e.strings("to");
        if (type == ChannelType.EMAIL && (from.isEmpty() || to.isEmpty())) {
            throw e.error("an email channel needs 'from' and a non-empty 'to'");
        }
        Optional<String> routingKey = Optional.ofNullable(e.secret("routingKey"));
        if (type == ChannelType.PAGERDUTY && routingKey.isEmpty()) {
            throw e.error("a pagerduty channel needs 'routingKey' (the integration key)");
        }
        Classification min = Classification.BELOW_VERIFICATION_LEVEL;
        String minText = e.text("minClassification");
        if (minText != null) {
            try {
                min = Classification.valueOf(minText);
            } catch (IllegalArgumentException ex) {
                throw e.error("'minClassification' must be EXCEEDS_VERIFICATION_LEVEL or "
                        + "BELOW_VERIFICATION_LEVEL (got '" + minText + "')");
            }
        }
        boolean exercise = e.bool("exercise", false);
        Duration groupWait = duration(file, e.where(), e.text("groupWait"));
        double rate = e.number("ratePerSecond", 0);
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw e.error("'ratePerSecond' must be a number >= 0");
        }
        String tlpText = e.text("maxTlp");
        Tlp maxTlp = tlpText == null ? type.defaultMaxTlp() : TlpLimit.parse(tlpText).orElseThrow(() ->
                e.error("'maxTlp' must be CLEAR, GREEN, AMBER, AMBER+STRICT (or AMBER_STRICT) or RED (got '"
                        + tlpText + "')"));
        return new ChannelSpec(id, ceptoarId, type, url, from, to, routingKey, login, min, exercise, groupWait, rate,
                maxTlp);
    }

    /** A URL key, its references resolved; every message shows it redacted (user info, query, Slack path). */
    private static URI uri(ChannelEntry e, String key, String fallback, String... schemes) {
        String text = Optional.ofNullable(e.secret(key)).orElse(fallback);
        if (text == null) {
            throw e.error("needs '" + key + "'");
        }
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw e.error("'" + key + "' must be a " + String.join(" or ", schemes)
                        + " URL with a host (got '" + Secrets.redact(text) + "')");
            }
            return uri;
        } catch (URISyntaxException ex) {
            // not ex.getMessage(): it quotes the whole input, password included
            throw e.error("'" + key + "' is not a URL: " + ex.getReason() + " at index " + ex.getIndex()
                    + " (got '" + Secrets.redact(text) + "'; a password in the URL must be URL-encoded, or use "
                    + "'username'/'password')");
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
