package com.omnichat.server.channels.messenger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Meta's webhook signature {@code X-Hub-Signature-256: sha256=<hex>}: HMAC-SHA256 over the raw body bytes keyed with
 * the app secret (PROTOCOL.md §D.3). The same keyed hash, over the page token, is the Graph API's appsecret_proof.
 */
public final class MetaSignature {
    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private MetaSignature() {
    }

    public static String hmacHex(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public static String header(String appSecret, byte[] rawBody) {
        return PREFIX + hmacHex(appSecret, rawBody);
    }

    /** Whether the header carries the signature of exactly these bytes; constant-time. */
    public static boolean verify(String appSecret, byte[] rawBody, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] expected = hmacHex(appSecret, rawBody).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    /** appsecret_proof for Graph API calls: hex HMAC-SHA256 of the page access token keyed with the app secret. */
    public static String appSecretProof(String appSecret, String pageAccessToken) {
        return hmacHex(appSecret, pageAccessToken.getBytes(StandardCharsets.UTF_8));
    }
}
