package com.omnichat.desktop.ui.conversation;

import com.omnichat.desktop.api.StaffUser;
import com.omnichat.desktop.model.ConversationThread;
import com.omnichat.desktop.model.Workspace;
import com.omnichat.protocol.ConversationView;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import javafx.collections.ObservableMap;

import java.util.List;

/** The open conversation: its live header state, its messages, the composer's actions. */
public final class ConversationViewModel {
    private static final Duration TYPING_IDLE = Duration.seconds(3);
    /** The contact's app forgets a start after 6 s (PROTOCOL.md §C.7): while typing goes on, say so again sooner. */
    private static final long TYPING_RENEW_NANOS = 4_000_000_000L;

    private final Workspace workspace;
    private final ObjectProperty<ConversationView> conversation = new SimpleObjectProperty<>();
    private final ObservableList<StaffUser> team = FXCollections.observableArrayList();
    private final PauseTransition typingIdle = new PauseTransition(TYPING_IDLE);
    private String typingIn;
    private long typingSaidAt;

    public ConversationViewModel(Workspace workspace) {
        this.workspace = workspace;
        workspace.openThreadProperty().addListener((obs, was, now) -> {
            // Typing was about the conversation left: it stops there, not in the one opened.
            typingIdle.stop();
            stopTyping();
            refresh();
        });
        workspace.inbox().conversations().addListener((ListChangeListener<ConversationView>) change -> {
            ConversationThread thread = workspace.openThreadProperty().get();
            while (thread != null && change.next()) {
                if (change.wasAdded() && change.getAddedSubList().stream()
                        .anyMatch(c -> c.id().equals(thread.conversationId()))) {
                    refresh();
                    return;
                }
            }
        });
        typingIdle.setOnFinished(event -> stopTyping());
        refreshTeam();
    }

    /** Reads the team again (each time the Assign menu opens: someone may have joined since sign-in). */
    public void refreshTeam() {
        if (workspace.me().isAdmin()) {
            workspace.users().thenAccept(users -> {
                List<StaffUser> active = users.stream().filter(StaffUser::active).toList();
                // The menu is built from these: rebuilt only when someone joined, left or was renamed, so an open
                // menu does not change under the pointer because someone came online.
                if (!menuNames(active).equals(menuNames(team))) {
                    team.setAll(active);
                }
            });
        }
    }

    private static List<String> menuNames(List<StaffUser> users) {
        return users.stream().map(u -> u.id() + " " + u.name() + " " + u.email()).toList();
    }

    private void refresh() {
        ConversationThread thread = workspace.openThreadProperty().get();
        conversation.set(thread == null ? null : workspace.inbox().find(thread.conversationId()).orElse(null));
    }

    public ReadOnlyObjectProperty<ConversationView> conversationProperty() {
        return conversation;
    }

    public ReadOnlyObjectProperty<ConversationThread> threadProperty() {
        return workspace.openThreadProperty();
    }

    public ObservableList<StaffUser> team() {
        return team;
    }

    public boolean isAdmin() {
        return workspace.me().isAdmin();
    }

    public BooleanBinding isClosed() {
        return Bindings.createBooleanBinding(
                () -> conversation.get() != null && "closed".equals(conversation.get().status()),
                conversation);
    }

    public BooleanBinding isMine() {
        String me = Long.toString(workspace.me().id());
        return Bindings.createBooleanBinding(() -> conversation.get() != null && conversation.get().assignee() != null
                && me.equals(conversation.get().assignee().id()), conversation);
    }

    public boolean isVisitorTyping() {
        ConversationView c = conversation.get();
        return c != null && workspace.inbox().visitorTyping().containsKey(c.id());
    }

    public ObservableMap<String, Boolean> typingConversations() {
        return workspace.inbox().visitorTyping();
    }

    /**
     * Called on each change of the composer's text: keeps it as the conversation's draft, and signals typing — a
     * start, renewed every few seconds while the keys keep going, then a stop after a pause or a send.
     */
    public void composing(String text) {
        ConversationThread thread = workspace.openThreadProperty().get();
        if (thread == null) {
            return;
        }
        workspace.keepDraft(thread.conversationId(), text);
        if (text.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (typingIn == null || now - typingSaidAt >= TYPING_RENEW_NANOS) {
            typingIn = thread.conversationId();
            typingSaidAt = now;
            workspace.typing(typingIn, true);
        }
        typingIdle.playFromStart();
    }

    /** The unsent text of the open conversation (typed before a switch, an expired session or a restart). */
    public String draft() {
        ConversationThread thread = workspace.openThreadProperty().get();
        return thread == null ? "" : workspace.draft(thread.conversationId());
    }

    private void stopTyping() {
        if (typingIn != null) {
            workspace.typing(typingIn, false);
            typingIn = null;
        }
    }

    public void send(String text) {
        typingIdle.stop();
        stopTyping();
        workspace.reply(text);
    }

    public void loadOlder() {
        workspace.loadOlder();
    }

    public void assignToMe() {
        workspace.assignToMe();
    }

    public void assignTo(StaffUser user) {
        workspace.assignTo(user == null ? null : user.id());
    }

    public void close() {
        workspace.closeConversation();
    }

    public void reopen() {
        workspace.reopenConversation();
    }
}
