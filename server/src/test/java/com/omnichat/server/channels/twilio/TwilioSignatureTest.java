package com.omnichat.server.channels.twilio;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioSignatureTest {
    /** The worked example of Twilio's request-validation documentation (twilio-php "Validate Incoming Requests"). */
    private static final String DOC_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String DOC_TOKEN = "12345";
    private static final String DOC_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static List<TwilioSignature.Param> docParams() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("CallSid", "CA1234567890ABCDE");
        fields.put("Caller", "+14158675309");
        fields.put("Digits", "1234");
        fields.put("From", "+14158675309");
        fields.put("To", "+18005551212");
        return TwilioSignature.params(fields);
    }

    @Test
    void computesTheSignatureOfTwiliosDocumentedExample() {
        assertThat(TwilioSignature.compute(DOC_TOKEN, DOC_URL, docParams())).isEqualTo(DOC_SIGNATURE);
    }

    @Test
    void parameterOrderOfTheRequestDoesNotMatter() {
        List<TwilioSignature.Param> reversed = new java.util.ArrayList<>(docParams());
        java.util.Collections.reverse(reversed);
        assertThat(TwilioSignature.verify(DOC_TOKEN, DOC_URL, reversed, DOC_SIGNATURE)).isTrue();
    }

    @Test
    void wrongTokenUrlParameterOrMissingSignatureIsRefused() {
        assertThat(TwilioSignature.verify("54321", DOC_URL, docParams(), DOC_SIGNATURE)).isFalse();
        assertThat(TwilioSignature.verify(DOC_TOKEN, DOC_URL + "&x=1", docParams(), DOC_SIGNATURE)).isFalse();
        List<TwilioSignature.Param> tampered = new java.util.ArrayList<>(docParams());
        tampered.set(2, new TwilioSignature.Param("Digits", "9999"));
        assertThat(TwilioSignature.verify(DOC_TOKEN, DOC_URL, tampered, DOC_SIGNATURE)).isFalse();
        assertThat(TwilioSignature.verify(DOC_TOKEN, DOC_URL, docParams(), null)).isFalse();
        assertThat(TwilioSignature.verify(DOC_TOKEN, DOC_URL, docParams(), "")).isFalse();
    }

    @Test
    void acceptsTheDefaultPortMadeExplicitOrRemoved() {
        String withPort = TwilioSignature.compute(DOC_TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2", docParams());
        assertThat(TwilioSignature.verify(DOC_TOKEN, DOC_URL, docParams(), withPort)).isTrue();
        assertThat(TwilioSignature.verify(DOC_TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2", docParams(),
                DOC_SIGNATURE)).isTrue();
        String otherPort = TwilioSignature.compute(DOC_TOKEN, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", docParams());
        assertThat(TwilioSignature.verify(DOC_TOKEN, DOC_URL, docParams(), otherPort)).isFalse();
        assertThat(TwilioSignature.urlVariants("http://example.com/sms")).containsExactly("http://example.com/sms",
                "http://example.com:80/sms");
    }

    @Test
    void aRepeatedNameContributesEachValueInReceivedOrder() {
        List<TwilioSignature.Param> params = List.of(new TwilioSignature.Param("b", "2"),
                new TwilioSignature.Param("a", "x"), new TwilioSignature.Param("a", "y"));
        String expected = TwilioSignature.compute("t", "https://h/p", List.of(new TwilioSignature.Param("axay", ""),
                new TwilioSignature.Param("b2", "")));
        assertThat(TwilioSignature.compute("t", "https://h/p", params)).isEqualTo(expected);
    }
}
