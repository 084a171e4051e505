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
import java.util.Set;
import java.util.stream.Collectors;
import javafx.animation.PauseTransition;
import javafx.util.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.collections.ObservableMap;

/**
 * The inbox list as shown: one tab, a search, newest first; live because it is a view of the model's list. The
 * search narrows at once on what the rows show, then widens with the server's matches in any older message.
 */
public final class InboxViewModel {
    /** Long enough not to ask the server on every keystroke, short enough to feel immediate. */
    private static final Duration SERVER_SEARCH_DELAY = Duration.millis(250);
    private static final int SERVER_SEARCH_MIN_LENGTH = 2;

    private final Workspace workspace;
    private final ObjectProperty<InboxFilter> filter = new SimpleObjectProperty<>(InboxFilter.OPEN);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<Set<String>> serverMatches = new SimpleObjectProperty<>(Set.of());
    private final PauseTransition serverSearchDelay = new PauseTransition(SERVER_SEARCH_DELAY);
    private final FilteredList<ConversationView> filtered;
    private final SortedList<ConversationView> shown;

    public InboxViewModel(Workspace workspace) {
        this.workspace = workspace;
        this.filtered = new FilteredList<>(workspace.inbox().conversations());
        // Wire timestamps have a fixed width, so text order is time order.
        this.shown = new SortedList<>(filtered, Comparator.comparing(ConversationView::updatedAt,
                Comparator.nullsLast(Comparator.<String>naturalOrder())).reversed());
        filtered.predicateProperty().bind(Bindings.createObjectBinding(this::predicate, filter, search, serverMatches));
        serverSearchDelay.setOnFinished(event -> searchOnServer(search.get().trim()));
        search.addListener((obs, was, now) -> {
            serverMatches.set(Set.of());
            serverSearchDelay.playFromStart();
        });
    }

    private void searchOnServer(String text) {
        if (text.length() < SERVER_SEARCH_MIN_LENGTH) {
            return;
        }
        workspace.search(text).thenAccept(found -> {
            // An answer to an older query must not widen the list for the text typed since.
            if (text.equals(search.get().trim())) {
                serverMatches.set(found.stream().map(ConversationView::id).collect(Collectors.toUnmodifiableSet()));
            }
        });
    }

    private Predicate<ConversationView> predicate() {
        InboxFilter tab = filter.get();
        String me = Long.toString(workspace.me().id());
        String query = search.get().trim().toLowerCase(Locale.ROOT);
        Set<String> matchedOnServer = serverMatches.get();
        return c -> tab.accepts(c, me) && (query.isEmpty() || matches(c, query) || matchedOnServer.contains(c.id()));
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
