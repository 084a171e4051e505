package com.omnichat.desktop.gui;

import com.omnichat.desktop.model.FailureMessages;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Must-show (d): clear sign-in errors; the token is kept only until sign-out; an expired session returns to sign-in. */
class SignInTest {
    private TestServer server;
    private DesktopDriver desktop;

    @BeforeEach
    void start() {
        server = TestServer.start();
        desktop = DesktopDriver.start();
    }

    @AfterEach
    void stop() {
        if (desktop != null) {
            desktop.close();
        }
        server.close();
    }

    @Test
    void wrongPasswordSaysSo() {
        desktop.signIn(server.baseUrl(), TestServer.ADMIN_EMAIL, "not-the-password");
        desktop.waitFor("the error", () -> FailureMessages.WRONG_PASSWORD.equals(desktop.text("#loginMessage")));
        assertThat(desktop.exists("#conversationList")).isFalse();
        assertThat(desktop.text("#email")).isEqualTo(TestServer.ADMIN_EMAIL);
    }

    @Test
    void unreachableServerSaysSo() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        desktop.signIn("http://127.0.0.1:" + closedPort, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.waitFor("the error", () -> desktop.text("#loginMessage").startsWith("Cannot reach the server at http://127.0.0.1:" + closedPort));
    }

    @Test
    void keptTokenSignsInAgainOnRestartAndSignOutForgetsIt() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        String token = desktop.preferences().get("token", null);
        assertThat(token).isNotBlank();

        desktop.quit();
        desktop = DesktopDriver.restartWith(desktop.preferences(), desktop.dataDir());
        desktop.waitFor("the inbox without typing a password", () -> desktop.exists("#conversationList"));

        desktop.click("#signOut");
        desktop.waitFor("the sign-in screen", () -> desktop.exists("#signIn"));
        assertThat(desktop.preferences().get("token", null)).isNull();
        assertThat(desktop.text("#email")).isEqualTo(TestServer.ADMIN_EMAIL);
        assertThat(server.api().get("/api/v1/auth/me", token).status()).isEqualTo(401);
    }

    @Test
    void signingOutStopsWorkTheSessionStillHasRunning() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        AtomicBoolean exportStopped = new AtomicBoolean();
        AtomicBoolean finishedExportStopped = new AtomicBoolean();
        DesktopDriver.onFx(() -> {
            desktop.workspace().stopWhenSessionEnds(() -> exportStopped.set(true));
            desktop.workspace().stopWhenSessionEnds(() -> finishedExportStopped.set(true)).run();
            return null;
        });

        desktop.click("#signOut");

        desktop.waitFor("the sign-in screen", () -> desktop.exists("#signIn"));
        assertThat(exportStopped).isTrue();
        assertThat(finishedExportStopped).as("work already over is left alone").isFalse();
    }

    @Test
    void expiredSessionReturnsToSignInWithAMessage() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        String token = desktop.preferences().get("token", null);
        // Signed out everywhere from another device; the app learns it when it reconnects after a restart.
        assertThat(server.api().post("/api/v1/auth/logout?everywhere=true", token, "").status()).isEqualTo(204);
        server.restart();

        desktop.waitFor("the sign-in screen", () -> desktop.exists("#signIn"));
        assertThat(desktop.text("#loginMessage")).isEqualTo(FailureMessages.SESSION_EXPIRED);
        assertThat(desktop.text("#email")).isEqualTo(TestServer.ADMIN_EMAIL);
        assertThat(desktop.preferences().get("token", null)).isNull();
    }
}
