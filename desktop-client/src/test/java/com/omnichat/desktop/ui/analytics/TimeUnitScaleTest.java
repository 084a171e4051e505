package com.omnichat.desktop.ui.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeUnitScaleTest {
    @Test
    void picksAUnitThatKeepsTheNumbersReadable() {
        assertThat(TimeUnitScale.fitting(0.0004)).isEqualTo(new TimeUnitScale("Seconds", 1, 1));
        assertThat(TimeUnitScale.fitting(37)).isEqualTo(new TimeUnitScale("Seconds", 1, 50));
        assertThat(TimeUnitScale.fitting(300)).isEqualTo(new TimeUnitScale("Minutes", 60, 5));
        assertThat(TimeUnitScale.fitting(1_260)).isEqualTo(new TimeUnitScale("Minutes", 60, 25));
        assertThat(TimeUnitScale.fitting(68_400)).isEqualTo(new TimeUnitScale("Hours", 3_600, 20));
    }

    @Test
    void convertsSecondsIntoTheUnit() {
        assertThat(TimeUnitScale.fitting(1_260).of(90)).isEqualTo(1.5);
    }
}
