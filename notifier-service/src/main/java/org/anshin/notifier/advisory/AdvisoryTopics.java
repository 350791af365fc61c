package org.anshin.notifier.advisory;

import java.util.function.UnaryOperator;
import org.anshin.schemas.Topics;

/**
 * The topics of advisories: each CEPTOAR's ({@code ceptoar.<id>.advisories}) and the receipts'
 * ({@code advisories.deliveries}); drills use their {@code exercise.} twins. Tests give their own names.
 */
public record AdvisoryTopics(UnaryOperator<String> ofCeptoar, String deliveries) {
    public static final AdvisoryTopics DEFAULT = new AdvisoryTopics(Topics::ceptoarAdvisories, Topics.ADVISORY_DELIVERIES);
}
