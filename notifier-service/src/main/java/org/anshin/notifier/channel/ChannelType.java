package org.anshin.notifier.channel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The channel kinds of the contract; the lower-case name is the config {@code type} and the metric tag. */
public enum ChannelType {
    WEBHOOK, EMAIL, SLACK, PAGERDUTY, ALERTMANAGER;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChannelType> of(String text) {
        return Arrays.stream(values()).filter(t -> t.tag().equals(text)).findFirst();
    }
}
