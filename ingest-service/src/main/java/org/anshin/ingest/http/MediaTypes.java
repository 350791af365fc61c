package org.anshin.ingest.http;

import java.util.Locale;

/** Which Content-Type headers count as JSON for POST /v1/incidents. */
final class MediaTypes {
    private MediaTypes() {
    }

    /**
     * {@code application/json} or any {@code application/*+json}, optionally with {@code charset=utf-8}
     * (JSON is UTF-8 by RFC 8259; another charset is refused rather than guessed at).
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].trim();
        boolean json = type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
        if (!json) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.startsWith("charset=")) {
                String charset = param.substring("charset=".length()).replace("\"", "").trim();
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
