package org.anshin.notifier.channel;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The SMTP credentials of an email entry: the {@code smtp} URL's user info ({@code smtp://user:pass@host},
 * URL-encoded) or the {@code username}/{@code password} keys (taken as they are, so a secret from
 * {@code ${SMTP_PASSWORD}} or {@code ${file:...}} needs no encoding). Not both.
 */
final class SmtpLogins {
    private SmtpLogins() {
    }

    static Optional<SmtpLogin> of(ChannelEntry e, URI smtp) {
        String user = e.secret("username");
        String password = e.secret("password");
        String info = smtp.getRawUserInfo();
        if (info != null && (user != null || password != null)) {
            throw e.error("credentials are given twice: in the 'smtp' URL and as 'username'/'password'; keep one");
        }
        if (password != null && user == null) {
            throw e.error("'password' needs 'username'");
        }
        if (user != null) {
            return Optional.of(new SmtpLogin(user, password == null ? "" : password));
        }
        if (info == null) {
            return Optional.empty();
        }
        int colon = info.indexOf(':');
        return Optional.of(new SmtpLogin(decode(colon < 0 ? info : info.substring(0, colon)),
                colon < 0 ? "" : decode(info.substring(colon + 1))));
    }

    /** Percent-decoding only: in user info a '+' is a plus, not a space as in a form. */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL kept in the spec carries no credentials, so nothing that prints it can leak them. */
    static URI withoutUserInfo(URI smtp) {
        return URI.create(smtp.getScheme() + "://" + smtp.getHost() + (smtp.getPort() > 0 ? ":" + smtp.getPort() : ""));
    }
}
