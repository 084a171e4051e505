package com.omnichat.desktop.ui.analytics;

import atlantafx.base.theme.Styles;
import com.omnichat.desktop.ui.analytics.AnalyticsViewModel.Kpi;
import com.omnichat.desktop.ui.analytics.AnalyticsViewModel.ChannelRow;
import com.omnichat.desktop.ui.analytics.AnalyticsViewModel.StaffRow;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.LocalDate;
import java.util.function.Function;

/** The range controls, headline tiles, charts and per-staff table of the admin's analytics. */
public final class AnalyticsView extends ScrollPane {
    public AnalyticsView(AnalyticsViewModel model) {
        getStyleClass().add("analytics-screen");
        setFitToWidth(true);

        Label title = new Label("Analytics");
        title.getStyleClass().add(Styles.TITLE_3);
        HBox tiles = new HBox(10);
        tiles.setId("analyticsTiles");
        tiles.getStyleClass().add("kpi-tiles");
        model.kpis().addListener((ListChangeListener<Kpi>) change ->
                tiles.getChildren().setAll(model.kpis().stream().map(kpi -> grow(tile(kpi))).toList()));

        Label error = new Label();
        error.setId("analyticsError");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox content = new VBox(14, new HBox(16, title, rangeControls(model)), error, tiles,
                section("Conversations per day", volumeChart(model)),
                new HBox(14, grow(section("First response per day", firstResponseChart(model))),
                        grow(section("Contact messages by hour", busiestHoursChart(model)))),
                new HBox(14, grow(section("Staff", staffTable(model))),
                        grow(section("By channel", channelTable(model)))));
        content.getStyleClass().add("analytics-content");
        setContent(content);
    }

    private static HBox rangeControls(AnalyticsViewModel model) {
        DatePicker from = datePicker("analyticsFrom", model.fromProperty());
        DatePicker through = datePicker("analyticsTo", model.throughProperty());
        HBox presets = new HBox(preset(model, 7), preset(model, 30), preset(model, 90));
        presets.getStyleClass().add("presets");
        ProgressIndicator loading = new ProgressIndicator();
        loading.setId("analyticsLoading");
        loading.getStyleClass().add("analytics-loading");
        loading.visibleProperty().bind(model.loadingProperty());
        Label zone = new Label();
        zone.setId("analyticsTimezone");
        zone.getStyleClass().add(Styles.TEXT_MUTED);
        zone.textProperty().bind(model.timezoneProperty().map(id -> id.isEmpty() ? "" : "Days in " + id));
        Button reload = new Button(null, new FontIcon(FontAwesomeSolid.SYNC_ALT));
        reload.setId("analyticsReload");
        reload.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        reload.setOnAction(event -> model.reload());
        HBox controls = new HBox(8, new Label("From"), from, new Label("to"), through, presets, reload, loading, zone);
        controls.setAlignment(Pos.CENTER_LEFT);
        return controls;
    }

    private static DatePicker datePicker(String id, ObjectProperty<LocalDate> value) {
        DatePicker picker = new DatePicker();
        picker.setId(id);
        picker.setPrefWidth(150);
        picker.valueProperty().bindBidirectional(value);
        return picker;
    }

    private static Button preset(AnalyticsViewModel model, int days) {
        Button button = new Button(days + " days");
        button.setId("preset" + days);
        button.getStyleClass().add(Styles.SMALL);
        button.setOnAction(event -> model.lastDays(days));
        return button;
    }

    private static VBox tile(Kpi kpi) {
        Label title = new Label(kpi.title());
        title.getStyleClass().addAll("kpi-title", Styles.TEXT_MUTED);
        Label value = new Label(kpi.value());
        value.setId(kpi.id() + "Value");
        value.getStyleClass().addAll("kpi-value", Styles.TITLE_2);
        Label detail = new Label(kpi.detail());
        detail.getStyleClass().addAll("kpi-detail", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        // Six tiles share the width: a long detail ("median · p90 7 s · 3 samples") wraps rather than being cut.
        detail.setWrapText(true);
        VBox tile = new VBox(2, title, value, detail);
        tile.setMinWidth(0);
        tile.setId(kpi.id());
        tile.getStyleClass().add("kpi-tile");
        return tile;
    }

    private static StackedBarChart<String, Number> volumeChart(AnalyticsViewModel model) {
        StackedBarChart<String, Number> chart = new StackedBarChart<>(dayAxis(model), countAxis("Conversations"));
        chart.setId("volumeChart");
        chart.setData(model.volume());
        return styled(chart);
    }

    private static LineChart<String, Number> firstResponseChart(AnalyticsViewModel model) {
        // Medians range from seconds to days: the model picks the unit and a round top for the values shown.
        NumberAxis time = new NumberAxis();
        time.setAutoRanging(false);
        time.setMinorTickVisible(false);
        time.labelProperty().bind(model.firstResponseUnitProperty());
        time.upperBoundProperty().bind(model.firstResponseTopProperty());
        time.tickUnitProperty().bind(model.firstResponseTopProperty().divide(5));
        LineChart<String, Number> chart = new LineChart<>(dayAxis(model), time);
        chart.setId("firstResponseChart");
        chart.setData(model.firstResponse());
        chart.setLegendVisible(false);
        return styled(chart);
    }

    private static BarChart<String, Number> busiestHoursChart(AnalyticsViewModel model) {
        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), countAxis("Messages"));
        chart.setId("busiestHoursChart");
        chart.setData(model.busiestHours());
        chart.setLegendVisible(false);
        chart.setBarGap(1);
        chart.setCategoryGap(2);
        return styled(chart);
    }

    /** Every day of the range on the axis, also the days a chart has no value for. */
    private static CategoryAxis dayAxis(AnalyticsViewModel model) {
        CategoryAxis axis = new CategoryAxis(model.days());
        axis.setAutoRanging(false);
        axis.setTickLabelRotation(-45);
        return axis;
    }

    private static NumberAxis countAxis(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setLabel(label);
        axis.setMinorTickVisible(false);
        // Counts are whole numbers: no tick at 0.5 conversations.
        axis.setTickLabelFormatter(new NumberAxis.DefaultFormatter(axis) {
            @Override
            public String toString(Number value) {
                double number = value.doubleValue();
                return number == Math.rint(number) ? Long.toString((long) number) : "";
            }
        });
        return axis;
    }

    /** Charts are redrawn on every range change; animating replaced data leaves stale bars behind in JavaFX. */
    private static <C extends XYChart<String, Number>> C styled(C chart) {
        chart.setAnimated(false);
        chart.getStyleClass().add("analytics-chart");
        chart.setMinHeight(260);
        chart.setPrefHeight(300);
        return chart;
    }

    private static TableView<StaffRow> staffTable(AnalyticsViewModel model) {
        TableView<StaffRow> table = new TableView<>(model.staff());
        table.setId("staffTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No staff messages in this range"));
        table.getColumns().add(column("Staff member", StaffRow::name));
        table.getColumns().add(narrow(column("Conversations", StaffRow::conversations)));
        table.getColumns().add(narrow(column("Replies", StaffRow::replies)));
        table.getColumns().add(median(column("First response", StaffRow::firstResponse)));
        table.setPrefHeight(220);
        return table;
    }

    private static TableView<ChannelRow> channelTable(AnalyticsViewModel model) {
        TableView<ChannelRow> table = new TableView<>(model.channels());
        table.setId("channelTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No conversations in this range"));
        table.getColumns().add(column("Channel", ChannelRow::channel));
        table.getColumns().add(narrow(column("Conversations", ChannelRow::conversations)));
        table.getColumns().add(median(column("First response", ChannelRow::firstResponse)));
        table.setPrefHeight(220);
        return table;
    }

    /** A heading kept short enough to read in a narrow table; what the figure is shows on hover. */
    private static <R, T> TableColumn<R, T> median(TableColumn<R, T> column) {
        Label heading = new Label(column.getText());
        heading.setTooltip(new Tooltip("Median time from a contact's first message to the first staff reply"));
        column.setText(null);
        column.setGraphic(heading);
        return column;
    }

    /** A count: as wide as its heading, so the last column keeps room for its longer one. */
    private static <R, T> TableColumn<R, T> narrow(TableColumn<R, T> column) {
        column.setPrefWidth(115);
        column.setMaxWidth(140);
        return column;
    }

    private static <R, T> TableColumn<R, T> column(String name, Function<R, T> value) {
        TableColumn<R, T> column = new TableColumn<>(name);
        column.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.apply(cell.getValue())));
        return column;
    }

    private static VBox section(String heading, Region body) {
        Label label = new Label(heading);
        label.getStyleClass().add(Styles.TITLE_4);
        VBox section = new VBox(6, label, body);
        section.getStyleClass().add("analytics-section");
        return section;
    }

    private static <R extends Region> R grow(R region) {
        HBox.setHgrow(region, Priority.ALWAYS);
        region.setMaxWidth(Double.MAX_VALUE);
        return region;
    }
}
