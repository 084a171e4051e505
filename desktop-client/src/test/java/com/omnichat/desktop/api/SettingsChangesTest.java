package com.omnichat.desktop.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The PATCH body of the settings screen and the widget's embed markup. */
class SettingsChangesTest {
    @Test
    void dottedPathsNestIntoTheBlocksTheServerMergesKeyByKey() {
        SettingsChanges changes = new SettingsChanges()
                .set("widget.title", "Hi")
                .set("widget.primary_color", "#112233")
                .set("auto_close_minutes", 45L)
                .set("business_hours.mon", List.of(List.of("09:00", "17:00")))
                .set("backup_number", null);

        assertThat(changes.body()).containsEntry("widget", Map.of("title", "Hi", "primary_color", "#112233"))
                .containsEntry("auto_close_minutes", 45L)
                .containsEntry("business_hours", Map.of("mon", List.of(List.of("09:00", "17:00"))))
                .containsEntry("backup_number", null);
        assertThat(changes.paths()).containsExactly("widget.title", "widget.primary_color", "auto_close_minutes",
                "business_hours.mon", "backup_number");
        assertThat(new SettingsChanges().isEmpty()).isTrue();
    }

    @Test
    void aTitleCannotBreakOutOfThePreviewsScriptTag() {
        String page = WidgetEmbed.previewPage("http://127.0.0.1:8000", "wk_abc",
                new WidgetEmbed.WidgetLook("\"><img src=x onerror=alert(1)>", "#112233", "left", ""));

        assertThat(page).contains("data-title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"")
                .doesNotContain("<img").doesNotContain("data-greeting");
        assertThat(WidgetEmbed.snippet("https://chat.example.com", "wk_abc"))
                .isEqualTo("<script src=\"https://chat.example.com/widget.js\" data-site-key=\"wk_abc\" async></script>");
    }
}
