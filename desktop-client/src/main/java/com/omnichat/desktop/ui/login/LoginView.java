package com.omnichat.desktop.ui.login;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.fontawesome5.FontAwesomeSolid;
import org.kordamp.ikonli.javafx.FontIcon;
import javafx.scene.Node;

/** The sign-in card: server, email, password, keep me signed in. Layout and bindings only. */
public final class LoginView extends StackPane {
    public LoginView(LoginViewModel model) {
        getStyleClass().add("login-screen");

        Label logo = new Label("Omnichat", new FontIcon(FontAwesomeSolid.COMMENTS));
        logo.getStyleClass().addAll(Styles.TITLE_2, "login-title");
        Label subtitle = new Label("Sign in to answer your customers");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);

        TextField server = field("serverUrl", "https://chat.example.com");
        server.textProperty().bindBidirectional(model.serverUrlProperty());
        TextField email = field("email", "you@example.com");
        email.textProperty().bindBidirectional(model.emailProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText("Password");
        password.textProperty().bindBidirectional(model.passwordProperty());

        CheckBox keep = new CheckBox("Keep me signed in");
        keep.setId("keepSignedIn");
        keep.selectedProperty().bindBidirectional(model.keepSignedInProperty());

        Label message = new Label();
        message.setId("loginMessage");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        Button signIn = new Button("Sign in");
        signIn.setId("signIn");
        signIn.setDefaultButton(true);
        signIn.setMaxWidth(Double.MAX_VALUE);
        signIn.getStyleClass().add(Styles.ACCENT);
        signIn.disableProperty().bind(model.canSignIn().not());
        signIn.setOnAction(event -> model.signIn());

        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(24, 24);
        progress.visibleProperty().bind(model.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        VBox card = new VBox(12, logo, subtitle, label("Server", server), label("Email", email),
                label("Password", password), keep, message, signIn, progress);
        card.getStyleClass().add("login-card");
        card.setAlignment(Pos.CENTER_LEFT);
        card.setMaxWidth(380);
        card.setMaxHeight(USE_PREF_SIZE);
        getChildren().add(card);
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }

    private static VBox label(String text, Node field) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_SMALL);
        label.setLabelFor(field);
        return new VBox(4, label, field);
    }
}
