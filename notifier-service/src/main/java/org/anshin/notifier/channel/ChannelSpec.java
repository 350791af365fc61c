package org.anshin.notifier.channel;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anshin.common.config.Secrets;
import org.anshin.schemas.Classification;
import org.anshin.schemas.Tlp;

/**
 * One validated delivery channel of one CEPTOAR, from {@code config/ceptoars.yaml}. Holds resolved
 * secrets (URLs, routing key, SMTP password): {@link #toString()} and {@link #scrub(String)} keep them
 * out of messages and logs.
 *
 * @param id                unique across the config: {@code <ceptoarId>/<type>-<index>} unless the entry names one
 * @param url               webhook, slack, pagerduty and alertmanager endpoint; the SMTP URI (no user info) for email
 * @param login             email only: SMTP credentials (from the URL's user info or {@code username}/{@code password})
 * @param minClassification notices below it are not sent here ({@code BELOW_VERIFICATION_LEVEL}: everything)
 * @param exercise          true: this channel also receives drill traffic (and is the only kind that does)
 * @param groupWait         storm control: notices of one incident arriving within it go out as one message
 * @param ratePerSecond     storm control: at most this many messages per second (0: unlimited)
 * @param maxTlp            notices marked above it are not sent here (a SKIPPED receipt says so)
 * @param options           the keys only some types take (signing secret, headers, resend interval, ...)
 */
public record ChannelSpec(String id, String ceptoarId, ChannelType type, URI url, Optional<String> from,
                          List<String> to, Optional<String> routingKey, Optional<SmtpLogin> login,
                          Classification minClassification, boolean exercise, Duration groupWait,
                          double ratePerSecond, Tlp maxTlp, ChannelOptions options) {
    /** Shorter secrets are not scrubbed from texts: replacing one or two characters everywhere garbles them. */
    private static final int MIN_SCRUBBED = 4;

    public ChannelSpec {
        to = List.copyOf(to);
    }

    /** A channel with every type-specific option at its default. */
    public ChannelSpec(String id, String ceptoarId, ChannelType type, URI url, Optional<String> from,
                       List<String> to, Optional<String> routingKey, Optional<SmtpLogin> login,
                       Classification minClassification, boolean exercise, Duration groupWait,
                       double ratePerSecond, Tlp maxTlp) {
        this(id, ceptoarId, type, url, from, to, routingKey, login, minClassification, exercise, groupWait,
                ratePerSecond, maxTlp, ChannelOptions.DEFAULTS);
    }

    public ChannelSpec withOptions(ChannelOptions o) {
        return new ChannelSpec(id, ceptoarId, type, url, from, to, routingKey, login, minClassification, exercise,
                groupWait, ratePerSecond, maxTlp, o);
    }

    /** Whether a notice of this classification and drill flag goes to this channel. */
    public boolean accepts(Classification classification, boolean exerciseNotice) {
        if (exerciseNotice && !exercise) {
            return false;
        }
        return minClassification != Classification.EXCEEDS_VERIFICATION_LEVEL
                || classification == Classification.EXCEEDS_VERIFICATION_LEVEL;
    }

    /**
     * Whether an incident notice of this classification, drill flag and escalation tier goes to this channel: only
     * the notices of its own tier ({@code IncidentNotice.escalationTier}), then as {@link #accepts(Classification,
     * boolean)}. A tier-2 channel never sees the tier-1 notices, nor a tier-1 channel a tier-2 page.
     */
    public boolean accepts(Classification classification, boolean exerciseNotice, int escalationTier) {
        return escalationTier == tier() && accepts(classification, exerciseNotice);
    }

    /** Its escalation tier (ceptoars.yaml {@code escalation}): 1 unless a tier names its id. */
    public int tier() {
        return options.tier();
    }

    /** Whether advisories go to this channel ({@code advisories: true}, or an operator's contact). */
    public boolean advisories() {
        return options.advisories();
    }

    /** Whether this channel's audience may read a notice marked {@code tlp}. */
    public boolean allows(Tlp tlp) {
        return TlpLimit.allows(maxTlp, tlp);
    }

    /**
     * The text with this channel's secrets taken out: the URL replaced by its redacted form, then the
     * routing key, the password and the URL's user info, query and path. For error texts that come from
     * client libraries or receivers and may echo what they were given.
     */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(url.toString(), Secrets.redact(url.toString()));
        List<String> secrets = new ArrayList<>();
        routingKey.ifPresent(secrets::add);
        login.ifPresent(l -> secrets.add(l.password()));
        options.secret().flatMap(SigningSecret::text).ifPresent(secrets::add);
        for (String value : options.headers().values()) {
            secrets.add(value);
            secrets.add(value.substring(value.lastIndexOf(' ') + 1)); // "Bearer <token>": the token alone too
        }
        secrets.add(url.getRawUserInfo());
        secrets.add(url.getRawQuery());
        if (!Secrets.redact(url.toString()).contains(String.valueOf(url.getRawPath()))) {
            secrets.add(url.getRawPath()); // a path that redact hides (Slack) is itself the credential
        }
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_SCRUBBED) {
                out = out.replace(s, "***");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ChannelSpec[id=" + id + ", type=" + type.tag() + ", url=" + Secrets.redact(url.toString())
                + (routingKey.isPresent() ? ", routingKey=***" : "") + login.map(l -> ", " + l).orElse("")
                + ", maxTlp=" + maxTlp + ", exercise=" + exercise + ", " + options + "]";
    }
}
