package org.anshin.ingest.validation;

import java.util.List;
import org.anshin.schemas.Tlp;

/** TLP 2.0 labels as written in JSON ("AMBER+STRICT") versus Avro symbols (AMBER_STRICT). */
public final class TlpNames {
    public static final List<String> NAMES = List.of("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED");

    private TlpNames() {
    }

    /** The Tlp for a TLP label; throws IllegalArgumentException for anything else (also "AMBER_STRICT"). */
    public static Tlp parse(String label) {
        if (!NAMES.contains(label)) {
            throw new IllegalArgumentException("not a TLP label: " + label);
        }
        return Tlp.valueOf(label.replace('+', '_'));
    }

    public static String label(Tlp tlp) {
        return tlp.name().replace('_', '+');
    }
}
