package com.omnichat.desktop.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a web page embeds the visitor widget: one script tag from this server with the tenant's site key (the same
 * line the server's /widget-demo page shows). The widget also reads {@code data-title}, {@code data-color},
 * {@code data-position} and {@code data-greeting} from that tag, ahead of the tenant's saved settings; the settings
 * screen's preview uses them to show unsaved values.
 */
public final class WidgetEmbed {
    private WidgetEmbed() {
    }

    /** The snippet a site owner pastes into their pages. */
    public static String snippet(String serverUrl, String siteKey) {
        return scriptTag(serverUrl, Map.of("site-key", siteKey));
    }

    /** A page of its own with the real widget loaded from the server, showing the given (maybe unsaved) appearance. */
    public static String previewPage(String serverUrl, String siteKey, WidgetLook look) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("site-key", siteKey);
        data.put("title", look.title());
        data.put("color", look.color());
        data.put("position", look.position());
        data.put("greeting", look.greeting());
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Widget preview</title>
                <style>body{margin:0;height:100vh;overflow:hidden;font:14px system-ui,sans-serif;color:#6b7280}
                body{background:#f9fafb}p{margin:16px}</style></head>
                <body><p>Your website</p>
                %s
                </body></html>
                """.formatted(scriptTag(serverUrl, data));
    }

    private static String scriptTag(String serverUrl, Map<String, String> data) {
        StringBuilder tag = new StringBuilder("<script src=\"").append(escape(serverUrl + "/widget.js")).append('"');
        data.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                tag.append(" data-").append(name).append("=\"").append(escape(value)).append('"');
            }
        });
        return tag.append(" async></script>").toString();
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** What the preview shows; empty values leave the widget's own defaults. */
    public record WidgetLook(String title, String color, String position, String greeting) {
    }
}
