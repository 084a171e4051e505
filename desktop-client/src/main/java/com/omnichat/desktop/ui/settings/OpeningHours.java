package com.omnichat.desktop.ui.settings;

import com.omnichat.desktop.api.SettingsChanges;
import com.omnichat.desktop.api.SettingsDocument;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Business hours on the form: always open, or per weekday open from one time to another. The server allows several
 * ranges a day; the form edits the first and keeps the others as they are.
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

    /** One weekday: open or closed, and the first range's times. */
    public static final class Day {
        private final String name;
        private final BooleanProperty open = new SimpleBooleanProperty();
        private final StringProperty opens = new SimpleStringProperty("");
        private final StringProperty closes = new SimpleStringProperty("");
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
            return opens;
        }

        public StringProperty closesProperty() {
            return closes;
        }

        void load(List<List<String>> ranges) {
            loaded = ranges;
            open.set(!ranges.isEmpty());
            opens.set(ranges.isEmpty() ? "09:00" : ranges.get(0).get(0));
            closes.set(ranges.isEmpty() ? "17:00" : ranges.get(0).get(1));
        }

        boolean changed() {
            return !ranges().equals(loaded);
        }

        List<List<String>> ranges() {
            if (!open.get()) {
                return List.of();
            }
            List<List<String>> ranges = new ArrayList<>();
            ranges.add(List.of(opens.get().strip(), closes.get().strip()));
            ranges.addAll(loaded.stream().skip(1).toList());
            return ranges;
        }
    }
}
