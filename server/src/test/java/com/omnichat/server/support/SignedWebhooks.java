package com.omnichat.server.support;

import com.omnichat.server.channels.messenger.MetaSignature;
import com.omnichat.server.channels.twilio.TwilioSignature;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Sends webhook requests to the server signed the way Twilio and Meta sign them. */
public final class SignedWebhooks {
    private final Api api;
    private final String publicBaseUrl;
    private final Map<String, String> extraHeaders;

    public SignedWebhooks(Api api, String publicBaseUrl) {
        this(api, publicBaseUrl, Map.of());
    }

    /** Every request also carries {@code extraHeaders} (what a proxy in front of the server adds, say). */
    public SignedWebhooks(Api api, String publicBaseUrl, Map<String, String> extraHeaders) {
        this.api = api;
        this.publicBaseUrl = publicBaseUrl;
        this.extraHeaders = extraHeaders;
    }

    /** A Twilio form POST signed with {@code authToken} over PUBLIC_BASE_URL + path (null token: unsigned). */
    public Api.Reply twilio(String path, String authToken, Map<String, String> fields) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (authToken != null) {
            headers.put(TwilioSignature.HEADER, TwilioSignature.compute(authToken, publicBaseUrl + path,
                    TwilioSignature.params(fields)));
        }
        return api.raw("POST", path, null, "application/x-www-form-urlencoded", form(fields), headers);
    }

    /** {@link #twilio} read as the exact bytes of the answer. */
    public Api.Bytes twilioBytes(String path, String authToken, Map<String, String> fields) {
        Map<String, String> headers = Map.of(TwilioSignature.HEADER, TwilioSignature.compute(authToken,
                publicBaseUrl + path, TwilioSignature.params(fields)));
        return api.bytes("POST", path, null, "application/x-www-form-urlencoded", form(fields), headers);
    }

    public Api.Reply twilioWithSignature(String path, String signature, Map<String, String> fields) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (signature != null) {
            headers.put(TwilioSignature.HEADER, signature);
        }
        return api.raw("POST", path, null, "application/x-www-form-urlencoded", form(fields), headers);
    }

    /** A Meta event POST whose X-Hub-Signature-256 covers exactly these bytes (null secret: unsigned). */
    public Api.Reply messenger(String appSecret, String rawJson) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (appSecret != null) {
            headers.put(MetaSignature.HEADER, MetaSignature.header(appSecret, rawJson.getBytes(StandardCharsets.UTF_8)));
        }
        return api.raw("POST", "/webhooks/messenger", null, "application/json", rawJson, headers);
    }

    public static Map<String, String> sms(String from, String to, String body, String messageSid) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ToCountry", "US");
        fields.put("SmsMessageSid", messageSid);
        fields.put("NumMedia", "0");
        fields.put("From", from);
        fields.put("To", to);
        fields.put("Body", body);
        fields.put("MessageSid", messageSid);
        fields.put("AccountSid", "AC00000000000000000000000000000001");
        fields.put("ApiVersion", "2010-04-01");
        return fields;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
