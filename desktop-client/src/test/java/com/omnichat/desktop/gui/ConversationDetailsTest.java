package com.omnichat.desktop.gui;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.support.AgainstRealServer;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.desktop.support.Visitor;
import com.omnichat.protocol.ConversationView;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The visitor details panel shows what the contact left in a followup; an admin assigns to a colleague and back. */
class ConversationDetailsTest extends AgainstRealServer {
    @Test
    void contactFieldsFromAFollowupShowInTheDetailsLiveAndWhenOpened() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Visitor ann = arrive();
        Visitor bob = arrive();
        ann.say("Can someone call me?");
        bob.say("Email me please");
        desktop.openConversationOf(ann.id(), "Can someone call me?");
        assertThat(desktop.text("#detailName")).isEqualTo("—");
        assertThat(desktop.text("#detailContactid")).isEqualTo(ann.id());
        assertThat(desktop.text("#detailChannel")).isNotBlank();

        leaveFollowup(ann, "Ann Example", "ann@example.com", "+15550101010");
        desktop.waitFor("Ann's details while her conversation is open",
                () -> "Ann Example".equals(desktop.text("#detailName")));
        assertThat(desktop.text("#detailEmail")).isEqualTo("ann@example.com");
        assertThat(desktop.text("#detailPhone")).isEqualTo("+15550101010");
        desktop.waitFor("her name as the title", () -> "Ann Example".equals(desktop.text("#conversationTitle")));

        leaveFollowup(bob, "Bob Example", "bob@example.com", "");
        // Leaving a followup closes the conversation (the tenant's default), so Bob is found under Closed.
        desktop.click("#tabClosed");
        openByName(bob, "Bob Example");
        desktop.waitFor("Bob's details once opened", () -> "Bob Example".equals(desktop.text("#detailName")));
        assertThat(desktop.text("#detailEmail")).isEqualTo("bob@example.com");
        assertThat(desktop.text("#detailPhone")).isEqualTo("—");
    }

    @Test
    void adminAssignsToAColleagueThroughTheMenuThenToNobody() {
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Visitor visitor = arrive();
        visitor.say("Who will help me?");
        desktop.openConversationOf(visitor.id(), "Who will help me?");
        desktop.click("#assignToMe");
        desktop.click("#tabMine");
        desktop.waitFor("the conversation under Mine", () -> ids().contains(visitor.id()));

        // A colleague who joined after the admin signed in is offered too.
        String admin = server.api().loginAdmin();
        Api.Reply created = server.api().post("/api/v1/users", admin,
                Map.of("email", "sam@example.com", "name", "Sam Staff", "role", "staff"));
        assertThat(created.status()).isEqualTo(201);
        String samId = created.body().path("id").asText();

        chooseInAssignMenu("Sam Staff (sam@example.com)");
        desktop.waitFor("Sam in the details", () -> "Sam Staff".equals(desktop.text("#detailAssignee")));
        assertThat(conversationOnServer(admin, visitor).path("assignee").path("id").asText()).isEqualTo(samId);
        desktop.waitFor("the conversation to leave Mine", () -> !ids().contains(visitor.id()));
        assertThat(desktop.exists("#conversationTitle")).isTrue();

        chooseInAssignMenu("Nobody");
        desktop.waitFor("nobody in the details", () -> "nobody".equals(desktop.text("#detailAssignee")));
        assertThat(conversationOnServer(admin, visitor).path("assignee").isNull()).isTrue();
        desktop.click("#tabOpen");
        desktop.waitFor("the conversation under Open", () -> ids().contains(visitor.id()));
    }

    private Visitor arrive() {
        return Visitor.arrive(server, server.server().bootstrap().orElseThrow().siteKey());
    }

    private void leaveFollowup(Visitor visitor, String name, String email, String phone) {
        Api.Reply reply = server.api().post("/api/v1/widget/followups", visitor.authorization(),
                Map.of("name", name, "email", email, "phone", phone, "message", "Please get back to me"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    }

    /** Clicks the inbox row, which shows the contact's name once the app knows it, or the id before that. */
    private void openByName(Visitor visitor, String name) {
        desktop.waitFor("the row of " + visitor.id(), () -> DesktopDriver.onFx(() -> desktop.robot().lookup(name)
                .tryQuery().isPresent() || desktop.robot().lookup(visitor.id()).tryQuery().isPresent()));
        boolean named = DesktopDriver.onFx(() -> desktop.robot().lookup(name).tryQuery().isPresent());
        desktop.robot().clickOn(named ? name : visitor.id());
        desktop.waitFor("the conversation of " + visitor.id(),
                () -> visitor.id().equals(desktop.text("#detailContactid")));
    }

    private void chooseInAssignMenu(String item) {
        desktop.click("#assignMenu");
        desktop.waitFor(item + " in the menu", () -> DesktopDriver.onFx(() -> desktop.robot().lookup(item).tryQuery()
                .filter(javafx.scene.Node::isVisible).isPresent()));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        desktop.robot().clickOn(item);
    }

    private JsonNode conversationOnServer(String admin, Visitor visitor) {
        String id = DesktopDriver.onFx(() -> desktop.workspace().inbox().conversations().stream()
                .filter(c -> visitor.id().equals(c.externalId())).map(ConversationView::id).findFirst().orElseThrow());
        return server.api().get("/api/v1/conversations/" + id, admin).body();
    }

    private List<String> ids() {
        return desktop.inboxRows().stream().map(ConversationView::externalId).toList();
    }
}
