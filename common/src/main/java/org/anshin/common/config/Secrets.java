package org.anshin.common.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secret values in config files without the secret in the file: a value (or part of one) may be
 * {@code ${ENV_VAR}}, read from the environment, or {@code ${file:/run/secrets/name}}, read from a file
 * (Docker and Kubernetes secrets; one trailing newline is dropped). Anything else is taken literally.
 *
 * <p>Errors name the file, the entry, the key and the reference, never the value, and
 * {@link #redact(String)} strips credentials from URLs before they go into a message or a log line.
 */
public final class Secrets {
    private static final Pattern REF = Pattern.compile("\\$\\{(file:)?([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> env;

    /** Reads {@code ${NAME}} through {@code env} (tests pass a map's {@code get}). */
    public Secrets(Function<String, String> env) {
        this.env = env;
    }

    public static Secrets fromEnvironment() {
        return new Secrets(System::getenv);
    }

    /**
     * The value with every reference replaced.
     *
     * @throws ConfigException naming file, entry and key when a variable is unset or a file unreadable
     */
    public String resolve(String raw, Path file, String entry, String key) {
        if (raw == null || !raw.contains("${")) {
            return raw;
        }
        Matcher m = REF.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2).trim();
            String value = m.group(1) != null ? fromFile(name, file, entry, key) : fromEnv(name, file, entry, key);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String fromEnv(String name, Path file, String entry, String key) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new ConfigException(file, entry, "'" + key + "' refers to ${" + name
                    + "}, which is not an environment variable name (use ${NAME} or ${file:/path})");
        }
        String value = env.apply(name);
        if (value == null || value.isEmpty()) {
            throw new ConfigException(file, entry, "'" + key + "' refers to ${" + name
                    + "}, which is not set in the environment");
        }
        return value;
    }

    private static String fromFile(String path, Path file, String entry, String key) {
        try {
            String value = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            if (value.isEmpty()) {
                throw new ConfigException(file, entry, "'" + key + "' refers to ${file:" + path + "}, which is empty");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException c) {
                throw c;
            }
            throw new ConfigException(file, entry, "'" + key + "' refers to ${file:" + path
                    + "}, which cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whether the raw config text holds a reference (so the literal is not itself the secret). */
    public static boolean isReference(String raw) {
        return raw != null && REF.matcher(raw).find();
    }

    /**
     * A URL fit for a message: user info (passwords) replaced by {@code ***}, query dropped, and for
     * hosts whose path is the credential (Slack incoming webhooks) the path too. Unparseable text is
     * reduced to its scheme.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getRawAuthority() == null) {
                return "<redacted>";
            }
            String host = u.getHost() == null ? "" : u.getHost();
            String authority = (u.getRawUserInfo() != null ? "***@" : "") + host
                    + (u.getPort() >= 0 ? ":" + u.getPort() : "");
            boolean secretPath = host.endsWith("hooks.slack.com") || host.endsWith("discord.com")
                    || host.endsWith("office.com");
            String path = u.getRawPath() == null ? "" : secretPath ? "/***" : u.getRawPath();
            return u.getScheme() + "://" + authority + path + (u.getRawQuery() != null ? "?***" : "");
        } catch (java.net.URISyntaxException e) {
            int colon = url.indexOf(':');
            return colon > 0 && colon < 10 ? url.substring(0, colon) + ":<redacted>" : "<redacted>";
        }
    }
}
