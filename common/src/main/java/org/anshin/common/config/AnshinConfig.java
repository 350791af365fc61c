package org.anshin.common.config;

import java.nio.file.Path;
import java.util.Set;
import org.anshin.schemas.Topics;

/**
 * The plan's tables as versioned config files in one folder, loaded and cross-checked at start-up so
 * that a wrong file stops the service with a message naming the file and the entry.
 */
public record AnshinConfig(Path dir, VerificationLevels levels, Ceptoars ceptoars, Operators operators,
                           Interdependency interdependency, Secretariats secretariats,
                           SharingAgreements sharingAgreements) {

    public static AnshinConfig load(Path dir) {
        VerificationLevels levels = VerificationLevels.load(dir.resolve(VerificationLevels.FILE));
        Ceptoars ceptoars = Ceptoars.load(dir.resolve(Ceptoars.FILE));
        Operators operators = Operators.load(dir.resolve(Operators.FILE));
        Set<String> sectors = levels.bySector().keySet();
        Interdependency interdependency = Interdependency.load(dir.resolve(Interdependency.FILE), sectors);

        for (SectorLevel level : levels.bySector().values()) {
            if (ceptoars.of(level.ceptoar()).isEmpty()) {
                throw new ConfigException(dir.resolve(VerificationLevels.FILE), "sector '" + level.sector() + "'",
                        "names CEPTOAR '" + level.ceptoar() + "', which " + Ceptoars.FILE + " does not list");
            }
        }
        // routing sends every notice to NISC, and TLP:RED ones to NISC only: without this entry notifier-service
        // never delivers them and a RED incident reaches no one. Its topic (nisc.incidents in the shipped config)
        // is read by routing and the notifier from here, like every CEPTOAR's.
        ceptoars.of(Topics.NISC_RECIPIENT).orElseThrow(() -> new ConfigException(
                dir.resolve(Ceptoars.FILE), null, "does not list the hub: add a CEPTOAR with 'id: "
                        + Topics.NISC_RECIPIENT + "' and 'topic: " + Topics.NISC + "' (the only recipient of TLP:RED notices)"));
        if (interdependency.notifyCouncil() && ceptoars.of(Ceptoars.COUNCIL).isEmpty()) {
            throw new ConfigException(dir.resolve(Interdependency.FILE), "notifyCouncil",
                    "is true but " + Ceptoars.FILE + " has no CEPTOAR '" + Ceptoars.COUNCIL + "'");
        }
        for (Operator operator : operators.byId().values()) {
            for (String sector : operator.sectors()) {
                if (!sectors.contains(sector)) {
                    throw new ConfigException(dir.resolve(Operators.FILE), "operator '" + operator.id() + "'",
                            "unknown sector '" + sector + "' (known: " + new java.util.TreeSet<>(sectors) + ")");
                }
            }
        }
        Secretariats secretariats = Secretariats.load(dir.resolve(Secretariats.FILE), levels, ceptoars);
        // one token, one caller: a token both an operator and a secretariat hold would act as whichever the
        // endpoint expects, so an operator could issue advisories (or a secretariat report incidents)
        for (Operator operator : operators.byId().values()) {
            for (String hash : operator.tokenSha256s()) {
                secretariats.byTokenSha256(hash).ifPresent(s -> {
                    throw new ConfigException(dir.resolve(Secretariats.FILE), "secretariat '" + s.id() + "'",
                            "has the token of operator '" + operator.id() + "' (" + Operators.FILE
                                    + "): every caller needs its own token");
                });
            }
        }
        SharingAgreements agreements = SharingAgreements.load(dir.resolve(SharingAgreements.FILE), ceptoars);
        return new AnshinConfig(dir, levels, ceptoars, operators, interdependency, secretariats, agreements);
    }
}
