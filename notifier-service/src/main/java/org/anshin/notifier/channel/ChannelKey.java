package org.anshin.notifier.channel;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every key of a {@code channels[]} entry, declared once: which types take it, what its value is, its default.
 * {@link ChannelSpecs} refuses keys not listed here and keys given to a type that does not take them; the table
 * in {@code notifier-service/README.md} is {@link #markdownTable()} (a test keeps the two equal).
 */
public enum ChannelKey {
    TYPE("type", all(), "`webhook`, `email`, `slack`, `pagerduty`, `alertmanager`", "required"),
    ID("id", all(), "text, unique in the file", "`<ceptoarId>/<type>-<position>`"),
    URL("url", http(), "http(s) URL; **secret** (Slack and webhook URLs are credentials); plain `http` only to a "
            + "loopback host unless `allowInsecure: true`", "required; pagerduty: the Events API"),
    ALLOW_INSECURE("allowInsecure", http(), "`true`: plain `http://` to a host other than loopback is allowed "
            + "(a private network you trust)", "`false`"),
    SECRET("secret", EnumSet.of(ChannelType.WEBHOOK), "`whsec_` + base64 of a 24 to 64 byte key; **secret**; "
            + "every attempt is signed (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`)",
            "none: unsigned"),
    HEADERS("headers", EnumSet.of(ChannelType.WEBHOOK), "a mapping of header name to value, e.g. "
            + "`Authorization: Bearer ${HOOK_TOKEN}`, sent with every request; values are **secret**; not the "
            + "headers the notifier sets (`Content-Type`, `User-Agent`, `Idempotency-Key`, `webhook-*`, `Host`, ...)",
            "none"),
    ROUTING_KEY("routingKey", EnumSet.of(ChannelType.PAGERDUTY), "integration key; **secret**", "required"),
    RESEND_INTERVAL("resendInterval", EnumSet.of(ChannelType.ALERTMANAGER), "`30s`, `1m`, `PT1M`, 1s to 1h: an "
            + "open incident's alert is posted again this often, each post with `endsAt` two intervals ahead "
            + "(see Alertmanager below)",
            "`1m`"),
    SMTP("smtp", EnumSet.of(ChannelType.EMAIL), "`smtp://host[:port]` or `smtps://...`; user info allowed "
            + "(URL-encoded); **secret**", "required"),
    USERNAME("username", EnumSet.of(ChannelType.EMAIL), "SMTP login, taken as is (no URL encoding); **secret**; "
            + "not together with user info in `smtp`", "none"),
    PASSWORD("password", EnumSet.of(ChannelType.EMAIL), "SMTP password; **secret**; needs `username`", "none"),
    FROM("from", EnumSet.of(ChannelType.EMAIL), "an address", "required"),
    TO("to", EnumSet.of(ChannelType.EMAIL), "one address or a list of them", "required"),
    MESSAGE_ID_DOMAIN("messageIdDomain", EnumSet.of(ChannelType.EMAIL), "a domain name: the right-hand side of "
            + "every `Message-ID`", "the domain of `from`"),
    MIN_CLASSIFICATION("minClassification", all(), "`EXCEEDS_VERIFICATION_LEVEL` or `BELOW_VERIFICATION_LEVEL`",
            "`BELOW_VERIFICATION_LEVEL`"),
    MAX_TLP("maxTlp", all(), "`CLEAR`, `GREEN`, `AMBER`, `AMBER+STRICT` (or `AMBER_STRICT`), `RED`",
            "per type, see below"),
    EXERCISE("exercise", all(), "`true` or `false` (a YAML boolean, not `\"yes\"` or `1`)", "`false`"),
    GROUP_WAIT("groupWait", all(), "`30s`, `2m`, `500ms`, `PT30S`; 0 to 1h", "off"),
    RATE_PER_SECOND("ratePerSecond", all(), "a number >= 0 (not text)",
            "0 = unlimited; pagerduty: 2 (its 120 events a minute per routing key)"),
    ADVISORIES("advisories", all(), "`true` or `false`: a CEPTOAR channel with `true` also receives the advisories "
            + "(情報提供) addressed to the CEPTOAR (see Advisories below); an operator's `contacts` always do",
            "`false`; in `contacts`: `true`");

    private final String key;
    private final Set<ChannelType> types;
    private final String value;
    private final String fallback;

    ChannelKey(String key, Set<ChannelType> types, String value, String fallback) {
        this.key = key;
        this.types = types;
        this.value = value;
        this.fallback = fallback;
    }

    public String key() {
        return key;
    }

    public boolean appliesTo(ChannelType type) {
        return types.contains(type);
    }

    public static Optional<ChannelKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** For messages: "webhook channels", "email channels", "http channels (all but email)". */
    String whoTakesIt() {
        if (types.equals(http())) {
            return "the http channel types (all but email)";
        }
        return types.stream().map(ChannelType::tag).collect(Collectors.joining(", ")) + " channels";
    }

    /** The reference table of the README, generated from these declarations. */
    public static String markdownTable() {
        StringBuilder t = new StringBuilder("| key | types | value | default |\n|---|---|---|---|\n");
        for (ChannelKey k : values()) {
            String types = k.types.equals(all()) ? "all" : k.types.equals(http()) ? "all but email"
                    : k.types.stream().map(ChannelType::tag).collect(Collectors.joining(", "));
            t.append("| `").append(k.key).append("` | ").append(types).append(" | ").append(k.value).append(" | ")
                    .append(k.fallback).append(" |\n");
        }
        return t.toString();
    }

    private static Set<ChannelType> all() {
        return EnumSet.allOf(ChannelType.class);
    }

    private static Set<ChannelType> http() {
        return EnumSet.complementOf(EnumSet.of(ChannelType.EMAIL));
    }

    @Override
    public String toString() {
        return key;
    }
}
