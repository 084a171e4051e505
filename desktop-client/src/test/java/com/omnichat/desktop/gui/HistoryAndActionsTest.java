package com.omnichat.desktop.gui;

import com.omnichat.desktop.model.MessageRow;
import com.omnichat.desktop.support.AgainstRealServer;
import com.omnichat.desktop.support.DesktopDriver;
import com.omnichat.protocol.ConversationView;
import com.omnichat.server.conversations.ConversationService;
import com.omnichat.server.support.TestServer;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Older messages load when scrolling up; assign, close and reopen from the header; tabs and search filter live. */
class HistoryAndActionsTest extends AgainstRealServer {
    private static final String NUMBER = "+15550001111";

    @Test
    void scrollingUpLoadsOlderPagesEachMessageOnceInOrder() {
        ConversationService conversations = server.server().conversations();
        for (int i = 1; i <= 120; i++) {
            conversations.receiveFromContact(1, "sms", NUMBER, "Line " + i, "SMpage" + i);
        }
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.openConversationOf(NUMBER, "Line 120");
        assertThat(desktop.rowsWithText("Line 1")).isZero();

        desktop.waitFor("every page up to the first line", () -> {
            scrollMessagesToTop();
            return desktop.rowsWithText("Line 1") == 1;
        });

        List<MessageRow> rows = desktop.messageRows();
        List<Long> seqs = rows.stream().map(row -> row.message().seq()).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        for (int i = 1; i <= 120; i++) {
            assertThat(desktop.rowsWithText("Line " + i)).as("Line " + i).isEqualTo(1);
        }
    }

    @Test
    void assignCloseAndReopenMoveTheConversationBetweenTabs() {
        server.server().conversations().receiveFromContact(1, "whatsapp", "whatsapp:" + NUMBER, "Where is my parcel?", "SMx1");
        server.server().conversations().receiveFromContact(1, "sms", "+15550002222", "Unrelated question", "SMx2");
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);

        desktop.setText("#search", "parcel");
        desktop.waitFor("the search to narrow the list", () -> desktop.inboxRows().size() == 1);
        desktop.openConversationOf("whatsapp:" + NUMBER, "Where is my parcel?");

        desktop.click("#assignToMe");
        desktop.click("#tabMine");
        desktop.waitFor("the conversation under Mine", () -> ids().contains("whatsapp:" + NUMBER));

        desktop.click("#closeConversation");
        desktop.waitFor("the conversation to leave Mine", () -> ids().isEmpty());
        desktop.click("#tabClosed");
        desktop.waitFor("the conversation under Closed", () -> ids().contains("whatsapp:" + NUMBER));

        desktop.click("#reopenConversation");
        desktop.click("#tabOpen");
        desktop.waitFor("the conversation under Open again", () -> ids().contains("whatsapp:" + NUMBER));
        desktop.setText("#search", "");
        desktop.waitFor("both conversations", () -> desktop.inboxRows().size() == 2);
    }

    @Test
    void searchFindsWordsOfAnOlderMessageThatNoRowShows() {
        ConversationService conversations = server.server().conversations();
        conversations.receiveFromContact(1, "sms", NUMBER, "My order 4711 never arrived", "SMs1");
        conversations.receiveFromContact(1, "sms", NUMBER, "Hello? Anyone there?", "SMs2");
        conversations.receiveFromContact(1, "sms", "+15550002222", "Order 9000 is fine", "SMs3");
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.waitFor("both conversations", () -> desktop.inboxRows().size() == 2);

        desktop.setText("#search", "4711");

        desktop.waitFor("the server's match in the list", () -> ids().equals(List.of(NUMBER)));
        desktop.setText("#search", "zzz-nothing");
        desktop.waitFor("an empty list", () -> desktop.inboxRows().isEmpty());
        desktop.setText("#search", "");
        desktop.waitFor("both conversations again", () -> desktop.inboxRows().size() == 2);
    }

    @Test
    void shiftEnterStartsANewLineAndEnterSendsBothLines() {
        server.server().conversations().receiveFromContact(1, "sms", NUMBER, "Two questions", "SMq1");
        desktop.signInAndWaitForInbox(server.baseUrl(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        desktop.openConversationOf(NUMBER, "Two questions");

        desktop.robot().clickOn("#composer").write("First answer");
        desktop.robot().press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        desktop.robot().write("Second answer");
        assertThat(desktop.text("#composer")).isEqualTo("First answer\nSecond answer");
        assertThat(desktop.rowsWithText("First answer\nSecond answer")).isZero();

        desktop.robot().type(KeyCode.ENTER);
        desktop.waitFor("the two-line reply stored", () -> desktop.messageRows().stream()
                .anyMatch(row -> "First answer\nSecond answer".equals(row.text()) && row.message() != null));
        assertThat(desktop.text("#composer")).isEmpty();
    }

    private List<String> ids() {
        return desktop.inboxRows().stream().map(ConversationView::externalId).toList();
    }

    @SuppressWarnings("unchecked")
    private void scrollMessagesToTop() {
        DesktopDriver.onFx(() -> {
            ListView<MessageRow> list = desktop.robot().lookup("#messageList").queryAs(ListView.class);
            list.scrollTo(0);
            return null;
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }
}
