package org.anshin.console;

import java.util.Collection;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.IncidentRecord;

/** Stand-in (pages branch): the records the console has read. */
public interface ConsoleData {
    Collection<IncidentRecord> incidentRecords(boolean exercise);

    Collection<AdvisoryRecord> advisoryRecords(boolean exercise);
}
