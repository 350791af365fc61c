package org.anshin.routing.fanout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonyms of incidents in anonymised (AMBER) cascade warnings: a keyed HMAC-SHA256 of the incident's
 * key, shown as {@code cascade-<uuid>}. Stable, so receivers can correlate the warnings of one incident;
 * not computable without the key, so nobody can confirm a guess of which operator's incident it is (a
 * name-based UUID of the incident id could be recomputed from a guessed id). The key comes from
 * {@code --pseudonym-key} / {@code ANSHIN_PSEUDONYM_KEY(_FILE)} and must stay the same across restarts.
 */
public final class Pseudonyms {
    public static final int MIN_KEY_BYTES = 16;
    private final SecretKeySpec key;

    public Pseudonyms(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must be at least " + MIN_KEY_BYTES + " bytes, got "
                    + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public static Pseudonyms fromKey(String key) {
        return new Pseudonyms(key.getBytes(StandardCharsets.UTF_8));
    }

    public String pseudonym(String incidentKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // not thread-safe: one per call, cheap next to the notice
            mac.init(key);
            ByteBuffer digest = ByteBuffer.wrap(mac.doFinal(("cascade\u0000" + incidentKey).getBytes(StandardCharsets.UTF_8)));
            return "cascade-" + new UUID(digest.getLong(), digest.getLong());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonyms[key hidden]";
    }
}
