package com.omnichat.server.channels.messenger;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MetaSignatureTest {
    /**
     * Meta documents the scheme but publishes no worked example; GitHub's "Validating webhook deliveries" page gives
     * test values for the identical X-Hub-Signature-256 scheme (HMAC-SHA256 hex of the raw body), used here.
     */
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void signsThePublishedTestValues() {
        assertThat(MetaSignature.header(SECRET, PAYLOAD)).isEqualTo(EXPECTED);
        assertThat(MetaSignature.verify(SECRET, PAYLOAD, EXPECTED)).isTrue();
    }

    @Test
    void refusesAnotherSecretOtherBytesOrAMalformedHeader() {
        assertThat(MetaSignature.verify("another secret", PAYLOAD, EXPECTED)).isFalse();
        assertThat(MetaSignature.verify(SECRET, "Hello, World! ".getBytes(StandardCharsets.UTF_8), EXPECTED)).isFalse();
        assertThat(MetaSignature.verify(SECRET, PAYLOAD, EXPECTED.substring("sha256=".length()))).isFalse();
        assertThat(MetaSignature.verify(SECRET, PAYLOAD, null)).isFalse();
        assertThat(MetaSignature.verify(SECRET, PAYLOAD, "sha1=757107ea")).isFalse();
    }

    @Test
    void appSecretProofIsTheKeyedHashOfThePageToken() {
        assertThat(MetaSignature.appSecretProof(SECRET, "Hello, World!")).isEqualTo(EXPECTED.substring("sha256=".length()));
    }
}
