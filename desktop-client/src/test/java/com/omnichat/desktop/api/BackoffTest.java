package com.omnichat.desktop.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    @Test
    void doublesFromOneSecondUpToThirtyAndStartsOverAfterSuccess() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 1.0);
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(30));
        }
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterStaysBetweenHalfAndAllOfTheDelay() {
        assertThat(new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(30), () -> 0.0).next()).isEqualTo(Duration.ofSeconds(4));
        assertThat(new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(30), () -> 0.5).next()).isEqualTo(Duration.ofSeconds(6));
    }
}
