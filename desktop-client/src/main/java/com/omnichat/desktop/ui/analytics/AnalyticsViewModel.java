package com.omnichat.desktop.ui.analytics;

import com.omnichat.desktop.api.AnalyticsApi;
import com.omnichat.desktop.api.AnalyticsReport;
import com.omnichat.protocol.AnalyticsSummary;
import com.omnichat.protocol.AnalyticsSummary.DayFigures;
import com.omnichat.protocol.AnalyticsSummary.Durations;
import com.omnichat.desktop.model.FailureMessages;
import com.omnichat.desktop.model.Workspace;
import com.omnichat.desktop.ui.ChannelIcons;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The admin's KPIs for a date range: loads the server's summary whenever the range changes and maps it to tiles,
 * chart series and per-staff rows. Dates are the tenant's (the server answers in its timezone); {@code through} is
 * the last day shown, the server's {@code to} is the day after it.
 */
public final class AnalyticsViewModel {
    /** Every channel gets a series, so a channel keeps its colour and legend entry whatever the range holds. */
    static final List<String> CHANNELS = List.of("webchat", "sms", "whatsapp", "messenger");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM");
    private static final DateTimeFormatter DAY_OF_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy");

    /** A headline figure; {@code id} names its tile for tests and style. */
    public record Kpi(String id, String title, String value, String detail) {
    }

    public record StaffRow(String name, long conversations, long replies, String firstResponse) {
    }

    /** A channel's conversations started in the range and the median first response on it. */
    public record ChannelRow(String channel, long conversations, String firstResponse) {
    }

    private final Workspace workspace;
    private final Clock clock;
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> through = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty timezone = new SimpleStringProperty("");
    private final ObservableList<Kpi> kpis = FXCollections.observableArrayList();
    private final ObservableList<String> days = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<String, Number>> volume = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<String, Number>> firstResponse = FXCollections.observableArrayList();
    private final StringProperty firstResponseUnit = new SimpleStringProperty("Seconds");
    private final DoubleProperty firstResponseTop = new SimpleDoubleProperty(1);
    private final ObservableList<XYChart.Series<String, Number>> busiestHours = FXCollections.observableArrayList();
    private final ObservableList<StaffRow> staff = FXCollections.observableArrayList();
    private final ObservableList<ChannelRow> channels = FXCollections.observableArrayList();
    private ZoneId zone;
    private int generation;
    private boolean settingRange;

    public AnalyticsViewModel(Workspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
        from.addListener((obs, was, now) -> rangeEdited());
        through.addListener((obs, was, now) -> rangeEdited());
        // The server's default range is the last 7 days of the tenant's calendar, which this computer may not share.
        load(null, null);
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    /** The last day of the range (inclusive, as a date picker shows it). */
    public ObjectProperty<LocalDate> throughProperty() {
        return through;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty errorProperty() {
        return error;
    }

    /** The tenant's timezone the dates are counted in. */
    public StringProperty timezoneProperty() {
        return timezone;
    }

    public ObservableList<Kpi> kpis() {
        return kpis;
    }

    /** Every day of the range as the charts label it, so a day without a value still has its place on the axis. */
    public ObservableList<String> days() {
        return days;
    }

    /** Conversations started per day, one series per channel. */
    public ObservableList<XYChart.Series<String, Number>> volume() {
        return volume;
    }

    /** Median first response per day in {@link #firstResponseUnitProperty()}; days without one have no point. */
    public ObservableList<XYChart.Series<String, Number>> firstResponse() {
        return firstResponse;
    }

    /** "Seconds", "Minutes" or "Hours": whichever shows the range's medians as readable numbers. */
    public StringProperty firstResponseUnitProperty() {
        return firstResponseUnit;
    }

    /** The top of the first response axis: a round number just above the largest median. */
    public DoubleProperty firstResponseTopProperty() {
        return firstResponseTop;
    }

    /** Contact messages per hour of the day. */
    public ObservableList<XYChart.Series<String, Number>> busiestHours() {
        return busiestHours;
    }

    public ObservableList<StaffRow> staff() {
        return staff;
    }

    public ObservableList<ChannelRow> channels() {
        return channels;
    }

    /** The last {@code count} days up to today in the tenant's timezone. */
    public void lastDays(int count) {
        LocalDate today = LocalDate.now(clock.withZone(zone != null ? zone : clock.getZone()));
        setRange(today.minusDays(count - 1L), today);
        load(from.get(), today.plusDays(1));
    }

    public void reload() {
        if (from.get() == null || through.get() == null) {
            error.set("Choose the first and the last day.");
            return;
        }
        load(from.get(), through.get().plusDays(1));
    }

    private void rangeEdited() {
        if (!settingRange) {
            reload();
        }
    }

    private void setRange(LocalDate first, LocalDate last) {
        settingRange = true;
        try {
            from.set(first);
            through.set(last);
        } finally {
            settingRange = false;
        }
    }

    private void load(LocalDate first, LocalDate end) {
        int request = ++generation;
        loading.set(true);
        error.set("");
        workspace.request(http -> new AnalyticsApi(http).report(first, end)).whenComplete((report, failure) -> {
            if (request != generation) {
                return;
            }
            loading.set(false);
            if (failure != null) {
                error.set("Could not load the analytics: " + FailureMessages.describe(failure));
                show(null);
            } else {
                show(report);
            }
        });
    }

    private void show(AnalyticsReport report) {
        if (report == null) {
            kpis.clear();
            days.clear();
            volume.clear();
            firstResponse.clear();
            busiestHours.clear();
            staff.clear();
            channels.clear();
            return;
        }
        AnalyticsSummary summary = report.summary();
        zone = zoneOf(summary.timezone());
        timezone.set(summary.timezone());
        setRange(summary.fromDate(), summary.toDate().minusDays(1));
        Function<LocalDate, String> label = dayLabels(summary);
        kpis.setAll(kpis(summary));
        days.setAll(summary.byDay().stream().map(day -> label.apply(day.day())).toList());
        volume.setAll(volumeSeries(report, label));
        TimeUnitScale scale = TimeUnitScale.fitting(summary.byDay().stream()
                .map(DayFigures::firstResponseMedian).filter(Objects::nonNull).mapToDouble(Double::doubleValue).max()
                .orElse(0));
        firstResponseUnit.set(scale.label());
        firstResponseTop.set(scale.top());
        firstResponse.setAll(firstResponseSeries(summary, label, scale));
        busiestHours.setAll(busiestHoursSeries(summary));
        staff.setAll(summary.byStaff().stream().map(s -> new StaffRow(s.user().name(), s.conversationsHandled(),
                s.replies(), DurationText.of(s.firstResponseMedian()))).toList());
        channels.setAll(CHANNELS.stream().filter(summary.byChannel()::containsKey)
                .map(channel -> new ChannelRow(ChannelIcons.label(channel), summary.byChannel().get(channel).started(),
                        DurationText.of(summary.byChannel().get(channel).firstResponseMedian()))).toList());
    }

    /** Day and month; with the year when a range is long enough to hold the same day twice. */
    static Function<LocalDate, String> dayLabels(AnalyticsSummary summary) {
        boolean spansYears = ChronoUnit.DAYS.between(summary.fromDate(), summary.toDate()) > 365;
        DateTimeFormatter format = spansYears ? DAY_OF_YEAR : DAY;
        return format::format;
    }

    static List<Kpi> kpis(AnalyticsSummary s) {
        return List.of(
                new Kpi("kpiConversations", "Conversations", Long.toString(s.conversations().started()),
                        s.conversations().reopened() + " reopened · " + s.conversations().escalated() + " escalated"),
                new Kpi("kpiClosed", "Closed", Long.toString(s.conversations().closed()),
                        s.conversations().autoClosed() + " closed automatically"),
                new Kpi("kpiContactMessages", "Contact messages", Long.toString(s.messages().user()),
                        s.messages().system() + " automatic"),
                new Kpi("kpiStaffMessages", "Staff replies", Long.toString(s.messages().staff()), ""),
                new Kpi("kpiFirstResponse", "First response", DurationText.of(s.firstResponseSeconds().median()),
                        spread(s.firstResponseSeconds())),
                new Kpi("kpiResolution", "Resolution", DurationText.of(s.resolutionSeconds().median()),
                        spread(s.resolutionSeconds())));
    }

    private static String spread(Durations durations) {
        return durations.samples() == 0 ? "no samples" : "median · p90 " + DurationText.of(durations.p90()) + " · "
                + durations.samples() + (durations.samples() == 1 ? " sample" : " samples");
    }

    static List<XYChart.Series<String, Number>> volumeSeries(AnalyticsReport report,
                                                             Function<LocalDate, String> label) {
        List<XYChart.Series<String, Number>> all = new ArrayList<>();
        for (String channel : CHANNELS) {
            Map<String, Long> started = new HashMap<>();
            report.daysByChannel().getOrDefault(channel, List.of())
                    .forEach(day -> started.put(day.date(), day.started()));
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(ChannelIcons.label(channel));
            for (DayFigures day : report.summary().byDay()) {
                series.getData().add(new XYChart.Data<>(label.apply(day.day()), started.getOrDefault(day.date(), 0L)));
            }
            all.add(series);
        }
        return all;
    }

    static List<XYChart.Series<String, Number>> firstResponseSeries(AnalyticsSummary summary,
                                                                    Function<LocalDate, String> label,
                                                                    TimeUnitScale scale) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName("Median first response");
        for (DayFigures day : summary.byDay()) {
            if (day.firstResponseMedian() != null) {
                series.getData().add(new XYChart.Data<>(label.apply(day.day()), scale.of(day.firstResponseMedian())));
            }
        }
        return List.of(series);
    }

    static List<XYChart.Series<String, Number>> busiestHoursSeries(AnalyticsSummary summary) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName("Messages from contacts");
        List<Long> hours = summary.busiestHours();
        for (int hour = 0; hour < hours.size(); hour++) {
            series.getData().add(new XYChart.Data<>(String.format("%02d", hour), hours.get(hour)));
        }
        return List.of(series);
    }

    private static ZoneId zoneOf(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException unknown) {
            return null;
        }
    }
}
