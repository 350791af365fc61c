package org.anshin.notifier.channel;

/** SMTP credentials of an email channel; {@link #toString()} never shows the password. */
public record SmtpLogin(String user, String password) {
    @Override
    public String toString() {
        return "SmtpLogin[user=" + user + ", password=***]";
    }
}
