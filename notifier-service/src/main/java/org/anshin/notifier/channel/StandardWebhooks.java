package org.anshin.notifier.channel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks symmetric signature (version {@code v1}): {@code v1,} + base64(HMAC-SHA256(key,
 * "{id}.{timestamp}.{body}")). A pure function of its inputs, so it is tested against the specification's
 * published vector. The body is the exact bytes sent: signing a re-serialisation would break verification on
 * the smallest difference in whitespace or key order.
 */
public final class StandardWebhooks {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    private static final String HMAC = "HmacSHA256";

    private StandardWebhooks() {
    }

    /** The {@code webhook-signature} value for one attempt. */
    public static String sign(String id, long unixSeconds, byte[] body, byte[] key) {
        Mac mac;
        try {
            mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every Java SE runtime has HmacSHA256, and any non-empty key is valid for it
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
        mac.update((id + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
