package org.anshin.console.board;

import java.util.List;

/**
 * One row of the board as the browser gets it (HTML or JSON): only what the viewer's own inbox says, plus the
 * acknowledgements when the viewer may read the incident's record ({@code acksKnown} false otherwise). Display
 * strings are in the viewer's language.
 */
public record BoardRow(String incidentKey, String url, String sector, String sectorName, String classification,
                       String classificationLabel, String tlp, boolean open, String statusLabel, String occurredAt,
                       long occurredAtMillis, String age, String lastNotice, String lastNoticeAt, String reason,
                       String summary, int escalationTier, String sharedBy, boolean cascadeWarning, boolean acksKnown,
                       List<String> acknowledgedBy) {
    public BoardRow {
        acknowledgedBy = List.copyOf(acknowledgedBy);
    }
}
