package com.omnichat.desktop.ui.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationTextTest {
    @Test
    void showsTheTwoLargestUnitsAndDropsAZeroSecondOne() {
        assertThat(DurationText.of(0.4)).isEqualTo("0 s");
        assertThat(DurationText.of(45.0)).isEqualTo("45 s");
        assertThat(DurationText.of(80.0)).isEqualTo("1 m 20 s");
        assertThat(DurationText.of(120.0)).isEqualTo("2 m");
        assertThat(DurationText.of(7_500.0)).isEqualTo("2 h 5 m");
        assertThat(DurationText.of(68_400.0)).isEqualTo("19 h");
        assertThat(DurationText.of(273_600.0)).isEqualTo("3 d 4 h");
    }

    @Test
    void noSamplesShowADash() {
        assertThat(DurationText.of(null)).isEqualTo("—");
    }
}
