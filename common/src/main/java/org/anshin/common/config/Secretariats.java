package org.anshin.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code secretariats.yaml}: who may issue advisories (情報提供) and for which sectors. An absent file means no
 * secretariat at all (nobody can issue, nobody can share), so every folder written before advisories existed
 * still loads; a present one is validated like every config file.
 */
public record Secretariats(String version, Map<String, Secretariat> byId, Map<String, Secretariat> byHash) {
    public static final String FILE = "secretariats.yaml";
    /** The word that means every sector in {@code sectors:} (and in an advisory's {@code sectors}). */
    public static final String ALL = "all";
    /** Local-only demo tokens: {@code demo-nisc} and {@code demo-secretariat-<ceptoarId>}. */
    public static final String DEMO_NISC_TOKEN = "demo-nisc";
    public static final String DEMO_SECRETARIAT_PREFIX = "demo-secretariat-";

    static final Key ID = Key.required("id", Key.Type.ID,
            "secretariat id; a ceptoar secretariat's id is its CEPTOAR id (ceptoars.yaml), NISC's is nisc");
    static final Key NAME = Key.optional("name", Key.Type.TEXT, null, "display name (default: the id)");
    static final Key ROLE = Key.required("role", Key.Type.TEXT, "nisc, ceptoar or ministry");
    static final Key SECTORS = Key.optional("sectors", Key.Type.TEXT_LIST, null,
            "sector codes it may advise, or [all] (default: nisc all, a ceptoar the sectors whose CEPTOAR it is;"
                    + " required for a ministry)");
    static final Key TOKEN_SHA256 = Key.required("tokenSha256", Key.Type.HASHES,
            "hex SHA-256 of the bearer token, or a list of two while rotating");
    static final Shape SECRETARIAT = new Shape("secretariat '%s'", ID, NAME, ROLE, SECTORS, TOKEN_SHA256);

    static final Key VERSION = Key.optional("version", Key.Type.TEXT, "unversioned", "version of the list, e.g. 2026-04");
    static final Key SECRETARIATS = Key.list("secretariats", SECRETARIAT, "one entry per secretariat");
    static final Shape FILE_SHAPE = new Shape(null, VERSION, SECRETARIATS);

    public Secretariats {
        byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
        byHash = Map.copyOf(byHash);
    }

    public static Secretariats none() {
        return new Secretariats("none", Map.of(), Map.of());
    }

    public Optional<Secretariat> of(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The secretariat holding the token whose SHA-256 is {@code hex} (lower-case hex). */
    public Optional<Secretariat> byTokenSha256(String hex) {
        return Optional.ofNullable(byHash.get(hex));
    }

    /**
     * Loads and checks {@code file} against the sectors and CEPTOARs already loaded; {@link #none()} when the
     * file does not exist.
     */
    public static Secretariats load(Path file, VerificationLevels levels, Ceptoars ceptoars) {
        if (!Files.exists(file)) {
            return none();
        }
        Entry root = FILE_SHAPE.readTop(file, Yaml.read(file));
        Set<String> allSectors = new TreeSet<>(levels.bySector().keySet());
        Map<String, Secretariat> out = new LinkedHashMap<>();
        Map<String, Secretariat> byHash = new HashMap<>();
        for (Entry e : root.entries(SECRETARIATS)) {
            String id = e.text(ID);
            if (out.containsKey(id)) {
                throw e.error("listed twice");
            }
            Secretariat.Role role = Secretariat.Role.parse(e.text(ROLE)).orElseThrow(() -> e.error(
                    "'role' must be nisc, ceptoar or ministry (got '" + e.text(ROLE) + "')"));
            List<String> listed = e.has(SECTORS) ? e.strings(SECTORS) : null;
            boolean all = listed != null && listed.contains(ALL);
            if (all && listed.size() > 1) {
                throw e.error("'sectors' is [all] alone or a list of sector codes, not both (got " + listed + ")");
            }
            Set<String> sectors;
            switch (role) {
                case NISC -> {
                    if (listed != null && !all) {
                        throw e.error("is NISC, which advises every sector: leave 'sectors' out or write [all]");
                    }
                    all = true;
                    sectors = allSectors;
                }
                case CEPTOAR -> {
                    if (ceptoars.of(id).isEmpty() || id.equals(org.anshin.schemas.Topics.NISC_RECIPIENT)) {
                        throw e.error("has role ceptoar but '" + id + "' is not a CEPTOAR of " + Ceptoars.FILE
                                + " (a ceptoar secretariat's id is its CEPTOAR id; NISC has role nisc)");
                    }
                    Set<String> own = new TreeSet<>();
                    levels.bySector().values().stream().filter(l -> l.ceptoar().equals(id))
                            .forEach(l -> own.add(l.sector()));
                    if (all) {
                        throw e.error("is a CEPTOAR secretariat: it may advise only its own sectors " + own + ", not [all]");
                    }
                    if (listed != null) {
                        for (String s : listed) {
                            if (!own.contains(s)) {
                                throw e.error("lists sector '" + s + "', whose CEPTOAR is not '" + id
                                        + "' (its own sectors: " + own + ")");
                            }
                        }
                        sectors = new TreeSet<>(listed);
                    } else {
                        sectors = own;
                    }
                }
                default -> { // MINISTRY
                    if (listed == null) {
                        throw e.error("is a ministry: list the sectors it may advise (or [all])");
                    }
                    sectors = all ? allSectors : new TreeSet<>(listed);
                }
            }
            for (String s : sectors) {
                if (!allSectors.contains(s)) {
                    throw e.error("unknown sector '" + s + "' (known: " + allSectors + ")");
                }
            }
            List<String> hashes = e.strings(TOKEN_SHA256);
            Secretariat secretariat = new Secretariat(id, e.has(NAME) ? e.text(NAME) : id, role,
                    new LinkedHashSet<>(sectors), all, hashes);
            for (String hash : hashes) {
                if (byHash.putIfAbsent(hash, secretariat) != null) {
                    throw e.error("shares a token with another secretariat (or lists it twice)");
                }
            }
            out.put(id, secretariat);
        }
        return new Secretariats(root.text(VERSION), out, byHash);
    }

    /**
     * The public demo tokens this config accepts, one line each as
     * {@code Authorization: Bearer demo-nisc -> nisc (nisc)}; empty for a production config.
     */
    public List<String> demoTokenLines() {
        List<String> lines = new ArrayList<>();
        for (Secretariat s : byId.values()) {
            String token = s.isNisc() ? DEMO_NISC_TOKEN : DEMO_SECRETARIAT_PREFIX + s.id();
            if (s.tokenHashes().contains(TokenHash.sha256Hex(token))) {
                lines.add("Authorization: Bearer " + token + " -> secretariat " + s.id() + " (" + s.role().label() + ")");
            }
        }
        return lines;
    }

    @Override
    public String toString() {
        return "Secretariats[" + byId.keySet() + "]"; // never print token hashes
    }
}
