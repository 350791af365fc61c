package org.anshin.notifier.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.anshin.common.config.Operator;
import org.anshin.common.config.Operators;
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
    /** PagerDuty's Events API takes about 120 events a minute per routing key: the default rate stays below. */
    public static final double PAGERDUTY_DEFAULT_RATE = 2.0;
    /** RFC 7230 token characters: what a header name may be. */
    private static final java.util.regex.Pattern HEADER_NAME = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Set by the HTTP client or by the signing scheme: a config cannot override them. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host", "connection",
            "user-agent", "idempotency-key", "webhook-id", "webhook-timestamp", "webhook-signature", "expect",
            "upgrade", "transfer-encoding");

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
                ChannelSpec parsed = parseOne(file, ceptoar.id(), index, node, secrets);
                // common checked that every id a tier names is one of this CEPTOAR's channels
                ChannelSpec spec = parsed.withOptions(parsed.options().withTier(ceptoar.tierOf(parsed.id())));
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

    /**
     * Every operator's {@code contacts} (operators.yaml), by operator id: the same types, keys, validation and
     * secret references as a CEPTOAR's channels; ids default to {@code <operatorId>/<type>-<position>} and must not
     * collide with each other nor with {@code taken} (the CEPTOAR channels' ids: one dispatcher keys them all).
     * A contact exists to receive advisories, so {@code advisories} defaults to true there (and {@code false}
     * switches the contact off).
     */
    public static Map<String, List<ChannelSpec>> parseContacts(Path file, Operators operators, Set<String> taken,
                                                               Secrets secrets) {
        Map<String, List<ChannelSpec>> out = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>(taken);
        for (Operator op : operators.byId().values()) {
            List<ChannelSpec> specs = new ArrayList<>();
            int index = 0;
            for (JsonNode node : op.contacts()) {
                index++;
                ChannelSpec spec = parseOne(file, "operator '" + op.id() + "' contacts[" + (index - 1) + "]",
                        op.id(), index, node, secrets, true);
                if (!ids.add(spec.id())) {
                    throw new ConfigException(file, "contact '" + spec.id() + "'", "id used twice (or by a CEPTOAR "
                            + "channel)");
                }
                specs.add(spec);
            }
            if (!specs.isEmpty()) {
                out.put(op.id(), List.copyOf(specs));
            }
        }
        return out;
    }

    public static Map<String, List<ChannelSpec>> parseContacts(Path file, Operators operators, Set<String> taken) {
        return parseContacts(file, operators, taken, Secrets.fromEnvironment());
    }

    static ChannelSpec parseOne(Path file, String ceptoarId, int index, JsonNode node, Secrets secrets) {
        return parseOne(file, "CEPTOAR '" + ceptoarId + "' channels[" + (index - 1) + "]", ceptoarId, index, node,
                secrets, false);
    }

    /**
     * @param owner       the CEPTOAR (or, for a contact, the operator) the channel belongs to: its default id prefix
     * @param advisoryDefault what {@code advisories} is when the entry does not say
     */
    private static ChannelSpec parseOne(Path file, String position, String owner, int index, JsonNode node,
                                        Secrets secrets, boolean advisoryDefault) {
        String ceptoarId = owner;
        if (!node.isObject()) {
            throw new ConfigException(file, position, "must be a mapping with at least 'type'");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (ChannelKey.of(k).isEmpty()) {
                throw new ConfigException(file, position, "unknown key '" + k + "' (known: "
                        + new TreeSet<>(Arrays.stream(ChannelKey.values()).map(ChannelKey::key).toList()) + ")");
            }
        });
        ChannelEntry e = new ChannelEntry(file, position, node, secrets);
        String typeText = e.text("type");
        ChannelType type = ChannelType.of(typeText == null ? "" : typeText).orElseThrow(() ->
                e.error("'type' must be one of webhook, email, slack, pagerduty, alertmanager (got '" + typeText + "')"));
        String id = Optional.ofNullable(e.text("id")).orElse(ceptoarId + "/" + type.tag() + "-" + index);
        e.renameTo("channel '" + id + "'");
        for (ChannelKey k : ChannelKey.values()) {
            if (e.has(k.key()) && !k.appliesTo(type)) {
                throw e.error("'" + k.key() + "' is for " + k.whoTakesIt() + " only");
            }
        }

        URI url;
        Optional<SmtpLogin> login = Optional.empty();
        if (type == ChannelType.EMAIL) {
            URI smtp = uri(e, "smtp", null, "smtp", "smtps");
            login = SmtpLogins.of(e, smtp);
            url = SmtpLogins.withoutUserInfo(smtp);
        } else {
            url = uri(e, "url", type == ChannelType.PAGERDUTY ? PAGERDUTY_EVENTS_URL : null, "http", "https");
        }
        boolean allowInsecure = e.bool("allowInsecure", false);
        if (type != ChannelType.EMAIL && "http".equalsIgnoreCase(url.getScheme()) && !allowInsecure
                && !isLoopback(url.getHost())) {
            throw e.error("'url' is plain http to " + url.getHost() + ": notices would cross the network readable "
                    + "and unauthenticated; use https, or say 'allowInsecure: true' for a private network you trust");
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
        double rate = e.number("ratePerSecond", type == ChannelType.PAGERDUTY ? PAGERDUTY_DEFAULT_RATE : 0);
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw e.error("'ratePerSecond' must be a number >= 0");
        }
        String tlpText = e.text("maxTlp");
        Tlp maxTlp = tlpText == null ? type.defaultMaxTlp() : TlpLimit.parse(tlpText).orElseThrow(() ->
                e.error("'maxTlp' must be CLEAR, GREEN, AMBER, AMBER+STRICT (or AMBER_STRICT) or RED (got '"
                        + tlpText + "')"));
        return new ChannelSpec(id, ceptoarId, type, url, from, to, routingKey, login, min, exercise, groupWait, rate,
                maxTlp, options(e, allowInsecure, from).withAdvisories(e.bool("advisories", advisoryDefault)));
    }

    private static ChannelOptions options(ChannelEntry e, boolean allowInsecure, Optional<String> from) {
        Optional<SigningSecret> secret = Optional.empty();
        String secretText = e.secret("secret");
        if (secretText != null) {
            try {
                secret = Optional.of(SigningSecret.parse(secretText));
            } catch (IllegalArgumentException ex) {
                throw e.error("'secret' " + ex.getMessage());
            }
        }
        Map<String, String> headers = e.secretMapping("headers", HEADER_NAME);
        for (String name : headers.keySet()) {
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw e.error("'headers." + name + "' is set by the notifier itself and cannot be configured");
            }
        }
        Duration resend = ChannelOptions.DEFAULT_RESEND_INTERVAL;
        String resendText = e.text("resendInterval");
        if (resendText != null) {
            resend = duration(e.file(), e.where(), "resendInterval", resendText, Duration.ofSeconds(1),
                    Duration.ofHours(1));
        }
        Optional<String> domain = Optional.ofNullable(e.text("messageIdDomain"));
        if (domain.isPresent() && !DOMAIN.matcher(domain.get()).matches()) {
            throw e.error("'messageIdDomain' must be a domain name such as mail.example.org (got '" + domain.get()
                    + "')");
        }
        if (domain.isEmpty() && from.isPresent()) {
            String f = from.get();
            int at = f.lastIndexOf('@');
            String d = at < 0 ? "" : f.substring(at + 1).replaceAll("[>\\s]+$", "");
            domain = Optional.of(DOMAIN.matcher(d).matches() ? d : "anshin.invalid");
        }
        return new ChannelOptions(secret, headers, allowInsecure, resend, domain);
    }

    private static final java.util.regex.Pattern DOMAIN =
            java.util.regex.Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. Names are not resolved. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.\\d{1,3}){3}")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
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
        return duration(file, where, "groupWait", text, Duration.ZERO, Duration.ofHours(1));
    }

    static Duration duration(Path file, String where, String key, String text, Duration min, Duration max) {
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
            } else if (text.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1).trim()));
            } else {
                throw new NumberFormatException("no unit");
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new ConfigException(file, where, "'" + key + "' must be between " + human(min) + " and "
                        + human(max) + " (got '" + text + "')");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ConfigException(file, where, "'" + key + "' must look like 30s, 2m, 500ms or PT30S (got '"
                    + text + "')");
        }
    }

    private static String human(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        return d.toHoursPart() > 0 || d.toDays() > 0 ? d.toHours() + "h"
                : d.toMinutesPart() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
