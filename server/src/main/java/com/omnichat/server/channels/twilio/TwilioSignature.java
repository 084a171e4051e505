package com.omnichat.server.channels.twilio;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's request signature (PROTOCOL.md §D.1): Base64 HMAC-SHA1, keyed with the auth token, over the configured URL
 * followed by every POST parameter's name and value, sorted by name.
 */
public final class TwilioSignature {
    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    /** One form field as received; repeated names appear once per value, in received order. */
    public record Param(String name, String value) {
    }

    public static String compute(String authToken, String url, List<Param> params) {
        List<Param> sorted = new ArrayList<>(params);
        // A stable sort keeps the received order of a repeated name; String order is code-point order for the
        // ASCII names Twilio sends.
        sorted.sort(Comparator.comparing(Param::name, TwilioSignature::compareCodePoints));
        StringBuilder data = new StringBuilder(url);
        for (Param param : sorted) {
            data.append(param.name()).append(param.value());
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    /**
     * Whether {@code signature} matches the URL as configured, or the same URL with its default port made explicit
     * or removed (Twilio's helper libraries accept both). Compared in constant time.
     */
    public static boolean verify(String authToken, String url, List<Param> params, String signature) {
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        byte[] given = signature.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String candidate : urlVariants(url)) {
            byte[] expected = compute(authToken, candidate, params).getBytes(StandardCharsets.UTF_8);
            match |= MessageDigest.isEqual(expected, given);
        }
        return match;
    }

    static Set<String> urlVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return variants;
        }
        String scheme = uri.getScheme();
        int defaultPort = "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
        if (defaultPort < 0 || uri.getRawAuthority() == null) {
            return variants;
        }
        String authority = uri.getRawAuthority();
        String prefix = scheme + "://";
        String rest = url.substring(url.indexOf(authority, prefix.length()) + authority.length());
        String host = uri.getPort() < 0 ? authority : authority.substring(0, authority.lastIndexOf(':'));
        if (uri.getPort() < 0) {
            variants.add(prefix + host + ":" + defaultPort + rest);
        } else if (uri.getPort() == defaultPort) {
            variants.add(prefix + host + rest);
        }
        return variants;
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** The parameters of a map (test and client convenience): one per entry. */
    public static List<Param> params(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> new Param(e.getKey(), e.getValue())).toList();
    }
}
