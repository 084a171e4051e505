package com.omnichat.server.tenants;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Optional;

/** The day names of the settings document: {@code mon} … {@code sun}. */
final class Days {
    static final List<String> NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private Days() {
    }

    static Optional<DayOfWeek> parse(String name) {
        int index = NAMES.indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(DayOfWeek.of(index + 1));
    }
}
