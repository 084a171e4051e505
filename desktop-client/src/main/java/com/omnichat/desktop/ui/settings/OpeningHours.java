package com.omnichat.desktop.ui.settings;

import com.omnichat.desktop.api.SettingsChanges;
import com.omnichat.desktop.api.SettingsDocument;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Business hours on the form: always open, or per weekday one or more ranges (a lunch break splits a day in two).
 */
public final class OpeningHours {
    private static final String PATH = "business_hours";

    private final BooleanProperty alwaysOpen = new SimpleBooleanProperty(true);
    private final Map<String, Day> days = new LinkedHashMap<>();
    private boolean loadedAlwaysOpen = true;

    OpeningHours() {
        SettingsDocument.DAYS.forEach(day -> days.put(day, new Day(day)));
    }

    public BooleanProperty alwaysOpenProperty() {
        return alwaysOpen;
    }

    public Day day(String name) {
        return days.get(name);
    }

    void load(SettingsDocument settings) {
        loadedAlwaysOpen = settings.alwaysOpen();
        alwaysOpen.set(loadedAlwaysOpen);
        days.values().forEach(day -> day.load(settings.openingHours(day.name)));
    }

    /** {@code null} when always open; a newly scheduled week sends every day, else only the days changed. */
    void addChanges(SettingsChanges changes) {
        if (alwaysOpen.get()) {
            if (!loadedAlwaysOpen) {
                changes.set(PATH, null);
            }
            return;
        }
        for (Day day : days.values()) {
            if (loadedAlwaysOpen || day.changed()) {
                changes.set(PATH + "." + day.name, day.ranges());
            }
        }
    }

    /** One weekday: open or closed, its first range's times and any further ranges. */
    public static final class Day {
        private final String name;
        private final BooleanProperty open = new SimpleBooleanProperty();
        private final Range first = new Range("09:00", "17:00");
        private final ObservableList<Range> more = FXCollections.observableArrayList();
        private List<List<String>> loaded = List.of();

        Day(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public BooleanProperty openProperty() {
            return open;
        }

        public StringProperty opensProperty() {
            return first.opens();
        }

        public StringProperty closesProperty() {
            return first.closes();
        }

        /** The ranges after the first, in the order the day has them. */
        public ObservableList<Range> moreRanges() {
            return more;
        }

        /** Another range, starting where the last one ends. */
        public void addRange() {
            String after = (more.isEmpty() ? first : more.get(more.size() - 1)).closes().get();
            more.add(new Range(after, ""));
        }

        void load(List<List<String>> ranges) {
            loaded = ranges;
            open.set(!ranges.isEmpty());
            first.opens().set(ranges.isEmpty() ? "09:00" : ranges.get(0).get(0));
            first.closes().set(ranges.isEmpty() ? "17:00" : ranges.get(0).get(1));
            more.setAll(ranges.stream().skip(1).map(range -> new Range(range.get(0), range.get(1))).toList());
        }

        boolean changed() {
            return !ranges().equals(loaded);
        }

        List<List<String>> ranges() {
            if (!open.get()) {
                return List.of();
            }
            List<List<String>> ranges = new ArrayList<>();
            ranges.add(first.wire());
            more.forEach(range -> ranges.add(range.wire()));
            return ranges;
        }
    }

    /** Open from one time of day to another, as typed ({@code HH:MM}); the server checks them. */
    public record Range(StringProperty opens, StringProperty closes) {
        Range(String opens, String closes) {
            this(new SimpleStringProperty(opens), new SimpleStringProperty(closes));
        }

        List<String> wire() {
            return List.of(opens.get().strip(), closes.get().strip());
        }
    }
}
