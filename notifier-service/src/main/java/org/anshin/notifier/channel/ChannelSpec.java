package org.anshin.notifier.channel;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.anshin.schemas.Classification;

/**
 * One validated delivery channel of one CEPTOAR, from {@code config/ceptoars.yaml}.
 *
 * @param id                unique across the config: {@code <ceptoarId>/<type>-<index>} unless the entry names one
 * @param url               webhook, slack, pagerduty and alertmanager endpoint; the SMTP URI for email
 * @param minClassification notices below it are not sent here ({@code BELOW_VERIFICATION_LEVEL}: everything)
 * @param exercise          true: this channel also receives drill traffic (and is the only kind that does)
 * @param groupWait         storm control: notices of one incident arriving within it go out as one message
 * @param ratePerSecond     storm control: at most this many messages per second (0: unlimited)
 */
public record ChannelSpec(String id, String ceptoarId, ChannelType type, URI url, Optional<String> from,
                          List<String> to, Optional<String> routingKey, Classification minClassification,
                          boolean exercise, Duration groupWait, double ratePerSecond) {

    public ChannelSpec {
        to = List.copyOf(to);
    }

    /** Whether a notice of this classification and drill flag goes to this channel. */
    public boolean accepts(Classification classification, boolean exerciseNotice) {
        if (exerciseNotice && !exercise) {
            return false;
        }
        return minClassification != Classification.EXCEEDS_VERIFICATION_LEVEL
                || classification == Classification.EXCEEDS_VERIFICATION_LEVEL;
    }
}
