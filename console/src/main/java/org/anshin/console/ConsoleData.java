package org.anshin.console;

import java.util.Collection;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.IncidentRecord;

/**
 * The records the console has read so far, real or drill: the latest IncidentRecord per incidentKey and the latest
 * AdvisoryRecord per advisoryId. Callers filter by viewer; the collections are snapshots.
 */
public interface ConsoleData {
    Collection<IncidentRecord> incidentRecords(boolean exercise);

    Collection<AdvisoryRecord> advisoryRecords(boolean exercise);

    /** Incident records left out of {@link #incidentRecords} because the console keeps only the latest ones. */
    default long incidentRecordsForgotten(boolean exercise) {
        return 0;
    }
}
