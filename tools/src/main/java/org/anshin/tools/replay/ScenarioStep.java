package org.anshin.tools.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * One line of a scenario: when to send (after the start), with which token, what: a report (operator token,
 * {@code POST /v1/incidents}), an advisory (secretariat token, {@code POST /v1/advisories}) or an operator's
 * feedback on one ({@code POST /v1/advisories/{advisoryId}/feedback}).
 */
public record ScenarioStep(int line, Duration at, String token, Kind kind, ObjectNode body) {

    public enum Kind {
        REPORT("report"), ADVISORY("advisory"), FEEDBACK("feedback");

        final String field;

        Kind(String field) {
            this.field = field;
        }
    }

    /** The report of a report step (tests and callers that only replay reports). */
    public ObjectNode report() {
        return body;
    }
}
