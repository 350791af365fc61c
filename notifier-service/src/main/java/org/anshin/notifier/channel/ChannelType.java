package org.anshin.notifier.channel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.anshin.schemas.Tlp;

/** The channel kinds of the contract; the lower-case name is the config {@code type} and the metric tag. */
public enum ChannelType {
    /**
     * The CEPTOAR's own system, one endpoint it runs: AMBER+STRICT (the recipient organisation only)
     * is what it may read by default.
     */
    WEBHOOK(Tlp.AMBER_STRICT),
    /** One on-call address list of the recipient organisation: AMBER+STRICT, like a webhook. */
    EMAIL(Tlp.AMBER_STRICT),
    /**
     * A chat channel is a wider audience than an on-call address (guests, shared and connected
     * channels, everyone who joins later reads the history): GREEN, the community level.
     */
    SLACK(Tlp.GREEN),
    /**
     * A third-party service that fans the incident out further (escalation policies, mobile push,
     * stakeholders of the service): AMBER, the organisation and those it must share with to act.
     */
    PAGERDUTY(Tlp.AMBER),
    /**
     * Alertmanager routes onward to receivers configured elsewhere, so the notifier cannot see who
     * reads the alert: AMBER, like PagerDuty.
     */
    ALERTMANAGER(Tlp.AMBER);

    private final Tlp defaultMaxTlp;

    ChannelType(Tlp defaultMaxTlp) {
        this.defaultMaxTlp = defaultMaxTlp;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code maxTlp} of a channel that does not set one. Never RED: RED must be asked for. */
    public Tlp defaultMaxTlp() {
        return defaultMaxTlp;
    }

    public static Optional<ChannelType> of(String text) {
        return Arrays.stream(values()).filter(t -> t.tag().equals(text)).findFirst();
    }
}
