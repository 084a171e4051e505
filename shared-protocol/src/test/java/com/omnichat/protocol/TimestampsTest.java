package com.omnichat.protocol;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {
    @Test
    void alwaysSixFractionalDigitsAndAZ() {
        assertThat(Timestamps.format(Instant.parse("2026-11-25T16:41:36.278804Z"))).isEqualTo("2026-11-25T16:41:36.278804Z");
        assertThat(Timestamps.format(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000000Z");
        assertThat(Timestamps.format(Instant.parse("2026-01-02T03:04:05.123456789Z"))).isEqualTo("2026-01-02T03:04:05.123456Z");
    }

    @Test
    void microsecondsRoundTrip() {
        Instant instant = Instant.parse("1999-12-31T23:59:59.999999Z");
        assertThat(Timestamps.fromMicros(Timestamps.toMicros(instant))).isEqualTo(instant);
        assertThat(Timestamps.formatMicros(Timestamps.toMicros(instant))).isEqualTo("1999-12-31T23:59:59.999999Z");
        assertThat(Timestamps.formatMicros(null)).isNull();
    }
}
