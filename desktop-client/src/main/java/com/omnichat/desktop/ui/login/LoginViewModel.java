package com.omnichat.desktop.ui.login;

import com.omnichat.desktop.api.SavedSession;
import com.omnichat.desktop.model.FailureMessages;
import com.omnichat.desktop.model.SignIn;
import com.omnichat.desktop.model.Workspace;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.function.Consumer;

/** The sign-in form's state and its one action. */
public final class LoginViewModel {
    private final SignIn signIn;
    private final Consumer<String> onSessionEnded;
    private final Consumer<Workspace> onSignedIn;
    private final StringProperty serverUrl = new SimpleStringProperty("http://localhost:8000");
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty keepSignedIn = new SimpleBooleanProperty(true);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    public LoginViewModel(SignIn signIn, String initialMessage, Consumer<String> onSessionEnded,
                          Consumer<Workspace> onSignedIn) {
        this.signIn = signIn;
        this.onSessionEnded = onSessionEnded;
        this.onSignedIn = onSignedIn;
        SavedSession saved = signIn.saved();
        if (saved.serverUrl() != null) {
            serverUrl.set(saved.serverUrl());
        }
        if (saved.email() != null) {
            email.set(saved.email());
        }
        message.set(initialMessage == null ? "" : initialMessage);
    }

    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    public StringProperty emailProperty() {
        return email;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty keepSignedInProperty() {
        return keepSignedIn;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanBinding canSignIn() {
        return Bindings.createBooleanBinding(() -> !busy.get() && !serverUrl.get().isBlank()
                && !email.get().isBlank() && !password.get().isEmpty(), busy, serverUrl, email, password);
    }

    public void signIn() {
        if (!canSignIn().get()) {
            return;
        }
        busy.set(true);
        message.set("");
        signIn.signIn(serverUrl.get(), email.get(), password.get(), keepSignedIn.get(), onSessionEnded)
                .whenComplete((workspace, error) -> {
                    busy.set(false);
                    if (error != null) {
                        message.set(FailureMessages.describe(error));
                        password.set("");
                    } else {
                        onSignedIn.accept(workspace);
                    }
                });
    }
}
