package com.omnichat.desktop.ui.analytics;

/** Seconds as a person reads them: the two largest units, e.g. "45 s", "1 m 20 s", "2 h 5 m", "3 d 4 h". */
final class DurationText {
    static final String NONE = "—";

    private DurationText() {
    }

    /** {@link #NONE} when there is no value (no samples in the range). */
    static String of(Double seconds) {
        if (seconds == null) {
            return NONE;
        }
        long total = Math.round(seconds);
        if (total < 60) {
            return total + " s";
        }
        if (total < 3_600) {
            return pair(total / 60, "m", total % 60, "s");
        }
        if (total < 86_400) {
            return pair(total / 3_600, "h", total % 3_600 / 60, "m");
        }
        return pair(total / 86_400, "d", total % 86_400 / 3_600, "h");
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }
}
