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

/** The open conversation: its live header state, its messages, the composer's actions. */
public final class ConversationViewModel {
    private static final Duration TYPING_IDLE = Duration.seconds(3);

    private final Workspace workspace;
    private final ObjectProperty<ConversationView> conversation = new SimpleObjectProperty<>();
    private final ObservableList<StaffUser> team = FXCollections.observableArrayList();
    private final PauseTransition typingIdle = new PauseTransition(TYPING_IDLE);
    private boolean typing;

    public ConversationViewModel(Workspace workspace) {
        this.workspace = workspace;
        workspace.openThreadProperty().addListener((obs, was, now) -> refresh());
        workspace.inbox().conversations().addListener((ListChangeListener<ConversationView>) change -> {
            ConversationThread thread = workspace.openThreadProperty().get();
            while (thread != null && change.next()) {
                if (change.wasAdded() && change.getAddedSubList().stream().anyMatch(c -> c.id().equals(thread.conversationId()))) {
                    refresh();
                    return;
                }
            }
        });
        typingIdle.setOnFinished(event -> stopTyping());
        if (workspace.me().isAdmin()) {
            workspace.users().thenAccept(users -> team.setAll(users.stream().filter(StaffUser::active).toList()));
        }
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
        return Bindings.createBooleanBinding(() -> conversation.get() != null && "closed".equals(conversation.get().status()),
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

    /** Called on each keystroke of the composer: one start, then a stop after a pause or a send. */
    public void composing() {
        if (!typing) {
            typing = true;
            workspace.typing(true);
        }
        typingIdle.playFromStart();
    }

    private void stopTyping() {
        if (typing) {
            typing = false;
            workspace.typing(false);
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
