package org.anshin.console;

import java.util.Optional;
import org.anshin.common.config.Secretariat;

/** Stand-in (pages branch): the signed-in secretariat, its language and its session's CSRF token. */
public record Viewer(Secretariat secretariat, Lang lang, String csrfToken) {

    public boolean isNisc() {
        return secretariat.isNisc();
    }

    public Optional<String> ceptoarId() {
        return secretariat.ceptoarId();
    }
}
