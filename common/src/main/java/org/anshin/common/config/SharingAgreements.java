package org.anshin.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sharing-agreements.yaml}: the pairs of CEPTOARs that agreed to share incidents with each other (the
 * plan: a CEPTOAR shares within its sector and, by mutual agreement, with other CEPTOARs). Agreements are
 * mutual. An absent file means no agreement: nothing can be shared between CEPTOARs.
 */
public record SharingAgreements(String version, List<Agreement> agreements) {
    public static final String FILE = "sharing-agreements.yaml";

    /** One mutual agreement between two CEPTOARs. */
    public record Agreement(String a, String b, String note) {
        boolean covers(String from, String to) {
            return (a.equals(from) && b.equals(to)) || (a.equals(to) && b.equals(from));
        }
    }

    static final Key BETWEEN = Key.required("between", Key.Type.TEXT_LIST,
            "the two CEPTOAR ids (ceptoars.yaml) that agreed, e.g. [electricity, gas]; mutual");
    static final Key NOTE = Key.optional("note", Key.Type.TEXT, "", "why they share (the agreement's reference)");
    static final Shape AGREEMENT = new Shape("agreement %s", BETWEEN, NOTE);

    static final Key VERSION = Key.optional("version", Key.Type.TEXT, "unversioned", "version of the list, e.g. 2026-04");
    // optional: a folder without agreements leaves the key (or the file) out
    static final Key AGREEMENTS = new Key("agreements", Key.Type.LIST, false, List.of(), AGREEMENT,
            "one entry per pair of CEPTOARs that agreed to share");
    static final Shape FILE_SHAPE = new Shape(null, VERSION, AGREEMENTS);

    public SharingAgreements {
        agreements = List.copyOf(agreements);
    }

    public static SharingAgreements none() {
        return new SharingAgreements("none", List.of());
    }

    /** Whether CEPTOAR {@code fromCeptoar} may share an incident with CEPTOAR {@code toCeptoar}. */
    public boolean allows(String fromCeptoar, String toCeptoar) {
        return !fromCeptoar.equals(toCeptoar) && agreements.stream().anyMatch(a -> a.covers(fromCeptoar, toCeptoar));
    }

    public static SharingAgreements load(Path file, Ceptoars ceptoars) {
        if (!Files.exists(file)) {
            return none();
        }
        Entry root = FILE_SHAPE.readTop(file, Yaml.read(file));
        List<Agreement> out = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        for (Entry e : root.entries(AGREEMENTS)) {
            List<String> between = e.strings(BETWEEN);
            if (between.size() != 2 || between.get(0).equals(between.get(1))) {
                throw e.error("'between' must name two different CEPTOARs (got " + between + ")");
            }
            for (String id : between) {
                if (ceptoars.of(id).isEmpty()) {
                    throw e.error("names CEPTOAR '" + id + "', which " + Ceptoars.FILE + " does not list");
                }
                if (id.equals(org.anshin.schemas.Topics.NISC_RECIPIENT)) {
                    throw e.error("names nisc: NISC receives every incident already, it needs no agreement");
                }
            }
            String a = between.get(0);
            String b = between.get(1);
            String pair = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
            if (!pairs.add(pair)) {
                throw e.error("listed twice (agreements are mutual: [a, b] is [b, a])");
            }
            out.add(new Agreement(a, b, e.text(NOTE)));
        }
        return new SharingAgreements(root.text(VERSION), out);
    }
}
