package com.omnichat.desktop.ui.settings;

import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableStringValue;
import javafx.concurrent.Worker;
import javafx.scene.layout.StackPane;
import javafx.scene.web.WebView;
import javafx.util.Duration;

/**
 * The real visitor widget, loaded from the server into a small page, showing the form's appearance as it is typed.
 * The page is rebuilt a moment after the last change rather than on every key. Once loaded, the widget's panel is
 * shown open (a class on its own element, the way a click shows it) without the click's visitor session: a preview
 * must not create visitors. For the same reason the preview takes no input. The panel's opening animation is turned
 * off in the preview: it would replay on every rebuild while the admin types.
 */
final class WidgetPreview extends StackPane {
    private static final String SHOW_PANEL = """
            (function () {
              var host = document.querySelector('omnichat-widget');
              var frame = host && host.shadowRoot && host.shadowRoot.querySelector('.w');
              if (!frame) return;
              var still = document.createElement('style');
              still.textContent = '.p{animation:none!important}';
              host.shadowRoot.appendChild(still);
              frame.classList.add('o');
            })()""";

    private final WebView web = new WebView();
    private final PauseTransition settle = new PauseTransition(Duration.millis(400));

    WidgetPreview(ObservableStringValue page) {
        getStyleClass().add("widget-preview");
        web.setId("widgetPreview");
        web.setMouseTransparent(true);
        web.setFocusTraversable(false);
        web.setContextMenuEnabled(false);
        web.setPrefSize(440, 640);
        web.getEngine().getLoadWorker().stateProperty().addListener((obs, was, now) -> {
            if (now == Worker.State.SUCCEEDED) {
                web.getEngine().executeScript(SHOW_PANEL);
            }
        });
        settle.setOnFinished(event -> show(page.get()));
        page.addListener((obs, was, now) -> settle.playFromStart());
        show(page.get());
        getChildren().add(web);
    }

    private void show(String html) {
        if (html != null && !html.isEmpty()) {
            web.getEngine().loadContent(html);
        }
    }
}
