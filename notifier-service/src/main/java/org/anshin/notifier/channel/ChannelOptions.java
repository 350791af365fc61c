package org.anshin.notifier.channel;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The keys that only some channel types take (see {@link ChannelKey} for which and their defaults).
 *
 * @param secret          webhook: the Standard Webhooks signing key; empty: deliveries are not signed
 * @param headers         webhook: extra request headers (values resolved from the environment or files)
 * @param allowInsecure   http channels: plain {@code http://} to a host other than loopback is allowed
 * @param resendInterval  alertmanager: how often an open incident's alert is posted again
 * @param messageIdDomain email: the right-hand side of every {@code Message-ID}
 * @param advisories      every type: the channel also receives advisories (an operator's contacts always do)
 * @param tier            every type: its escalation tier, from the CEPTOAR's {@code escalation} (ceptoars.yaml): 1
 *                        unless a tier names the channel's id; it receives the incident notices of that tier only
 */
public record ChannelOptions(Optional<SigningSecret> secret, Map<String, String> headers, boolean allowInsecure,
                             Duration resendInterval, Optional<String> messageIdDomain, boolean advisories, int tier) {
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);
    public static final ChannelOptions DEFAULTS = new ChannelOptions(Optional.empty(), Map.of(), false,
            DEFAULT_RESEND_INTERVAL, Optional.empty(), false);

    /** In tier 1. */
    public ChannelOptions(Optional<SigningSecret> secret, Map<String, String> headers, boolean allowInsecure,
                          Duration resendInterval, Optional<String> messageIdDomain, boolean advisories) {
        this(secret, headers, allowInsecure, resendInterval, messageIdDomain, advisories, 1);
    }

    /** Without advisories. */
    public ChannelOptions(Optional<SigningSecret> secret, Map<String, String> headers, boolean allowInsecure,
                          Duration resendInterval, Optional<String> messageIdDomain) {
        this(secret, headers, allowInsecure, resendInterval, messageIdDomain, false);
    }

    public ChannelOptions withAdvisories(boolean on) {
        return new ChannelOptions(secret, headers, allowInsecure, resendInterval, messageIdDomain, on, tier);
    }

    public ChannelOptions withTier(int escalationTier) {
        return new ChannelOptions(secret, headers, allowInsecure, resendInterval, messageIdDomain, advisories,
                escalationTier);
    }

    public ChannelOptions {
        headers = Map.copyOf(new TreeMap<>(headers));
        if (tier < 1) {
            throw new IllegalArgumentException("an escalation tier is 1 or more, got " + tier);
        }
    }

    @Override
    public String toString() {
        return "ChannelOptions[secret=" + secret.map(s -> "***").orElse("none") + ", headers=" + headers.keySet()
                + ", allowInsecure=" + allowInsecure + ", resendInterval=" + resendInterval
                + ", messageIdDomain=" + messageIdDomain.orElse("(from's domain)") + ", advisories=" + advisories
                + ", tier=" + tier + "]";
    }
}
