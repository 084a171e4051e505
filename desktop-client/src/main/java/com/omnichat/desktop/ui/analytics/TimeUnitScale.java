package com.omnichat.desktop.ui.analytics;

/**
 * The unit a chart of durations counts in and the top of its axis: seconds below two minutes, minutes below two
 * hours, else hours; the top is the next round number (1, 2, 2.5 or 5 times a power of ten) at or above the largest
 * value, at least 1.
 */
record TimeUnitScale(String label, double secondsPerUnit, double top) {
    private static final double[] ROUND = {1, 2, 2.5, 5, 10};

    static TimeUnitScale fitting(double largestSeconds) {
        String label = largestSeconds < 120 ? "Seconds" : largestSeconds < 7_200 ? "Minutes" : "Hours";
        double perUnit = largestSeconds < 120 ? 1 : largestSeconds < 7_200 ? 60 : 3_600;
        return new TimeUnitScale(label, perUnit, roundUp(largestSeconds / perUnit));
    }

    double of(double seconds) {
        return seconds / secondsPerUnit;
    }

    private static double roundUp(double value) {
        if (value <= 1) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : ROUND) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }
}
