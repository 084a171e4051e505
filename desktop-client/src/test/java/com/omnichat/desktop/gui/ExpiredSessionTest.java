package com.omnichat.desktop.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.model.FailureMessages;
import com.omnichat.desktop.support.AgainstRealServer;
import com.omnichat.desktop.support.Visitor;
import com.omnichat.server.support.TestServer;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An expired session loses nothing: a reply half-typed in the composer is there again after signing in, and a reply
 * the server refused for the token is sent once after signing in.
 */
class ExpiredSessionTest extends AgainstRealServer {
    @Test
    void aReplyTypedButNotSentIsInTheComposerAgainAfterSigningIn() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Visitor visitor = arrive();
        visitor.say("My invoice is wrong");
        desktop.openConversationOf(visitor.id(), "My invoice is wrong");
        desktop.robot().clickOn("#composer").write("Sorry to hear that, I am correcting");

        revokeAndRestart();
        desktop.waitFor("the sign-in screen", () -> desktop.exists("#signIn"));
        assertThat(desktop.text("#loginMessage")).isEqualTo(FailureMessages.SESSION_EXPIRED);

        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.openConversationOf(visitor.id(), "My invoice is wrong");
        desktop.waitFor("the half-typed reply",
                () -> "Sorry to hear that, I am correcting".equals(desktop.text("#composer")));

        desktop.robot().clickOn("#composer").write(" it now").type(KeyCode.ENTER);
        desktop.waitFor("the reply stored", () -> desktop.messageRows().stream()
                .anyMatch(row -> "Sorry to hear that, I am correcting it now".equals(row.text())
                        && row.message() != null));
        assertThat(sentToVisitor(visitor, "Sorry to hear that, I am correcting it now")).hasSize(1);
        assertThat(desktop.text("#composer")).isEmpty();
    }

    @Test
    void aReplyRefusedForTheTokenIsSentOnceAfterSigningInAgain() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Visitor visitor = arrive();
        visitor.say("Is my refund coming?");
        desktop.openConversationOf(visitor.id(), "Is my refund coming?");
        // Signed out everywhere from another device: the open stream does not know yet, the reply's send learns it.
        String token = desktop.preferences().get("token", null);
        assertThat(server.api().post("/api/v1/auth/logout?everywhere=true", token, "").status()).isEqualTo(204);

        desktop.reply("Yes, it left today");
        desktop.waitFor("the sign-in screen", () -> desktop.exists("#signIn"));
        assertThat(desktop.text("#loginMessage")).isEqualTo(FailureMessages.SESSION_EXPIRED);
        assertThat(sentToVisitor(visitor, "Yes, it left today")).isEmpty();

        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.openConversationOf(visitor.id(), "Is my refund coming?");
        desktop.waitFor("the kept reply sent", () -> desktop.messageRows().stream()
                .anyMatch(row -> "Yes, it left today".equals(row.text()) && row.message() != null));
        assertThat(desktop.rowsWithText("Yes, it left today")).isEqualTo(1);
        assertThat(sentToVisitor(visitor, "Yes, it left today")).hasSize(1);
    }

    private Visitor arrive() {
        return Visitor.arrive(server, server.server().bootstrap().orElseThrow().siteKey());
    }

    /** As in SignInTest: signed out everywhere, and the app learns it when its stream reconnects. */
    private void revokeAndRestart() {
        String token = desktop.preferences().get("token", null);
        assertThat(server.api().post("/api/v1/auth/logout?everywhere=true", token, "").status()).isEqualTo(204);
        server.restart();
    }

    private static List<JsonNode> sentToVisitor(Visitor visitor, String text) {
        return visitor.messages().stream().filter(m -> text.equals(m.path("text").asText())).toList();
    }
}
