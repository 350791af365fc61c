package org.anshin.common.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code interdependency.yaml}: upstream sectors and the sectors that depend on them. Dependents are
 * resolved against the sector list ("*" = every other sector) when the whole config is loaded.
 */
public record Interdependency(String version, boolean notifyCouncil, Map<String, Set<String>> dependentsOf) {
    public static final String FILE = "interdependency.yaml";
    static final String EVERY_OTHER = "*";

    static final Key SECTOR = Key.required("sector", Key.Type.ID, "the upstream sector code");
    static final Key DEPENDENTS = Key.required("dependents", Key.Type.TEXT_LIST,
            "sector codes that depend on it; \"*\" means every other sector");
    static final Shape UPSTREAM_ENTRY = new Shape("upstream sector '%s'", SECTOR, DEPENDENTS);

    static final Key VERSION = Key.optional("version", Key.Type.TEXT, "unversioned", "version of the table, e.g. 2026-04");
    static final Key NOTIFY_COUNCIL = Key.optional("notifyCouncil", Key.Type.BOOLEAN, true,
            "also send cascade warnings to the CEPTOAR Council (ceptoars.yaml id: council)");
    static final Key UPSTREAM = Key.list("upstream", UPSTREAM_ENTRY, "one entry per upstream sector");
    static final Shape FILE_SHAPE = new Shape(null, VERSION, NOTIFY_COUNCIL, UPSTREAM);

    public Interdependency {
        dependentsOf = Collections.unmodifiableMap(new LinkedHashMap<>(dependentsOf));
    }

    /** Sectors affected when {@code sector} exceeds its level; empty when it is not upstream. */
    public Set<String> dependentsOf(String sector) {
        return dependentsOf.getOrDefault(sector, Set.of());
    }

    static Interdependency load(Path file, Set<String> knownSectors) {
        Entry root = FILE_SHAPE.readTop(file, Yaml.read(file));
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Entry e : root.entries(UPSTREAM)) {
            String sector = e.text(SECTOR);
            if (!knownSectors.contains(sector)) {
                throw e.error("unknown sector (known: " + new java.util.TreeSet<>(knownSectors) + ")");
            }
            if (out.containsKey(sector)) {
                throw e.error("listed twice");
            }
            Set<String> resolved = new java.util.TreeSet<>();
            for (String d : e.strings(DEPENDENTS)) {
                if (EVERY_OTHER.equals(d)) {
                    resolved.addAll(knownSectors);
                } else if (knownSectors.contains(d)) {
                    resolved.add(d);
                } else {
                    throw e.error("unknown dependent sector '" + d + "' in 'dependents' (known: "
                            + new java.util.TreeSet<>(knownSectors) + ", or \"" + EVERY_OTHER + "\")");
                }
            }
            resolved.remove(sector);
            out.put(sector, Set.copyOf(resolved));
        }
        return new Interdependency(root.text(VERSION), root.bool(NOTIFY_COUNCIL), out);
    }
}
