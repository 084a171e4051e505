package com.omnichat.server.support;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/** A Prometheus text exposition as a scraper reads it: sample lines of {@code name{labels} value}. */
public final class Scrape {
    private final List<String> samples;
    private final String text;

    public Scrape(String text) {
        this.text = text;
        this.samples = text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    /** GET /metrics from loopback, failing unless it answers 200. */
    public static Scrape of(Api api) {
        Api.Reply reply = api.get("/metrics", null);
        if (reply.status() != 200) {
            throw new AssertionError("/metrics answered " + reply.status() + ": " + reply.text());
        }
        return new Scrape(reply.text());
    }

    /** The value of the sample with exactly this name and at least these labels ({@code "channel", "sms", …}). */
    public OptionalDouble value(String name, String... labels) {
        for (String line : samples) {
            int cut = line.lastIndexOf(' ');
            String key = line.substring(0, cut);
            String sampleName = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
            if (sampleName.equals(name) && hasLabels(key, labels)) {
                return OptionalDouble.of(Double.parseDouble(line.substring(cut + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    /** The value, failing the test when the sample is missing. */
    public double get(String name, String... labels) {
        return value(name, labels).orElseThrow(() -> new AssertionError(
                "no sample " + name + Arrays.toString(labels) + " in:\n" + text));
    }

    public List<String> samples() {
        return samples;
    }

    private static boolean hasLabels(String key, String[] labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!key.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}
