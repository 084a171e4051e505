package com.omnichat.server.tenants;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessHoursTest {
    private static BusinessHours hours(String json) throws Exception {
        return BusinessHours.of(new TenantSettings(new ObjectMapper().readTree(json)));
    }

    @Test
    void noBusinessHoursMeansAlwaysOpen() throws Exception {
        assertThat(hours("{}").isOpen(Instant.parse("2026-11-29T03:00:00Z"))).isTrue();
        assertThat(hours("{\"business_hours\":null}").isOpen(Instant.parse("2026-11-29T03:00:00Z"))).isTrue();
    }

    @Test
    void openFromStartInclusiveToEndExclusiveInTheTenantsTimezone() throws Exception {
        // Wednesday 2026-11-25; New York is UTC-5 in November.
        BusinessHours nineToFive = hours("{\"timezone\":\"America/New_York\","
                + "\"business_hours\":{\"wed\":[[\"09:00\",\"17:00\"]],\"thu\":[]}}");
        assertThat(nineToFive.isOpen(Instant.parse("2026-11-25T13:59:00Z"))).isFalse();
        assertThat(nineToFive.isOpen(Instant.parse("2026-11-25T14:00:00Z"))).isTrue();
        assertThat(nineToFive.isOpen(Instant.parse("2026-11-25T21:59:00Z"))).isTrue();
        assertThat(nineToFive.isOpen(Instant.parse("2026-11-25T22:00:00Z"))).isFalse();
        assertThat(nineToFive.isOpen(Instant.parse("2026-11-26T15:00:00Z"))).as("Thursday has no hours").isFalse();
    }

    @Test
    void twentyFourHundredClosesAtMidnight() throws Exception {
        BusinessHours evening = hours("{\"business_hours\":{\"wed\":[[\"18:00\",\"24:00\"]]}}");
        assertThat(evening.isOpen(Instant.parse("2026-11-25T23:59:00Z"))).isTrue();
        assertThat(evening.isOpen(Instant.parse("2026-11-26T00:00:00Z"))).isFalse();
    }
}
