package org.anshin.console;

import java.util.Optional;
import org.anshin.common.config.Secretariat;

/**
 * Who is looking at a page: the signed-in secretariat, the language it reads and the session's CSRF token (to
 * put into every form). Never holds the bearer token: that stays in the server-side session.
 */
public record Viewer(Secretariat secretariat, Lang lang, String csrfToken) {

    public boolean isNisc() {
        return secretariat.isNisc();
    }

    /** The CEPTOAR whose secretariat signed in; empty for NISC and ministries. */
    public Optional<String> ceptoarId() {
        return secretariat.ceptoarId();
    }
}
