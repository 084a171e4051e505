package com.omnichat.desktop.ui.inbox;

import com.omnichat.desktop.model.Workspace;
import com.omnichat.protocol.ConversationView;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.collections.ObservableMap;

/** The inbox list as shown: one tab, a search, newest first; live because it is a view of the model's list. */
public final class InboxViewModel {
    private final Workspace workspace;
    private final ObjectProperty<InboxFilter> filter = new SimpleObjectProperty<>(InboxFilter.OPEN);
    private final StringProperty search = new SimpleStringProperty("");
    private final FilteredList<ConversationView> filtered;
    private final SortedList<ConversationView> shown;

    public InboxViewModel(Workspace workspace) {
        this.workspace = workspace;
        this.filtered = new FilteredList<>(workspace.inbox().conversations());
        // Wire timestamps have a fixed width, so text order is time order.
        this.shown = new SortedList<>(filtered, Comparator.comparing(ConversationView::updatedAt,
                Comparator.nullsLast(Comparator.<String>naturalOrder())).reversed());
        filtered.predicateProperty().bind(Bindings.createObjectBinding(this::predicate, filter, search));
    }

    private Predicate<ConversationView> predicate() {
        InboxFilter tab = filter.get();
        String me = Long.toString(workspace.me().id());
        String query = search.get().trim().toLowerCase(Locale.ROOT);
        return c -> tab.accepts(c, me) && (query.isEmpty() || matches(c, query));
    }

    private static boolean matches(ConversationView c, String query) {
        return contains(c.externalId(), query)
                || (c.contact() != null && (contains(c.contact().name(), query) || contains(c.contact().email(), query)
                || contains(c.contact().phone(), query)))
                || (c.lastMessage() != null && contains(c.lastMessage().text(), query));
    }

    private static boolean contains(String text, String query) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(query);
    }

    public ObjectProperty<InboxFilter> filterProperty() {
        return filter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public SortedList<ConversationView> conversations() {
        return shown;
    }

    /** Unread conversations in a tab, for its badge. */
    public IntegerBinding unreadIn(InboxFilter tab) {
        String me = Long.toString(workspace.me().id());
        return Bindings.createIntegerBinding(() -> (int) workspace.inbox().conversations().stream()
                .filter(c -> tab.accepts(c, me) && c.unreadCount() != null && c.unreadCount() > 0).count(),
                workspace.inbox().conversations());
    }

    public ObservableMap<String, Boolean> conversationsTyping() {
        return workspace.inbox().visitorTyping();
    }

    public boolean isVisitorTyping(String conversationId) {
        return workspace.inbox().visitorTyping().containsKey(conversationId);
    }

    public void open(ConversationView conversation) {
        workspace.open(conversation.id());
    }
}
