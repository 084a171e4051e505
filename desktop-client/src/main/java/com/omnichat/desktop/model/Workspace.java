package com.omnichat.desktop.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.desktop.api.ApiFailure;
import com.omnichat.desktop.api.ConnectionState;
import com.omnichat.desktop.api.ConversationPage;
import com.omnichat.desktop.api.Drafts;
import com.omnichat.desktop.api.Followup;
import com.omnichat.desktop.api.HttpJson;
import com.omnichat.desktop.api.Outbox;
import com.omnichat.desktop.api.PendingReply;
import com.omnichat.desktop.api.RestClient;
import com.omnichat.desktop.api.StaffIdentity;
import com.omnichat.desktop.api.StaffStream;
import com.omnichat.desktop.api.StaffUser;
import com.omnichat.desktop.api.StreamListener;
import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.Envelope;
import com.omnichat.protocol.MessageView;
import com.omnichat.protocol.Timestamps;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import com.omnichat.desktop.api.CreatedUser;
import com.omnichat.protocol.Delivery;
import java.util.concurrent.TimeUnit;

/**
 * A signed-in session: loads the inbox over REST, keeps it current from the staff stream, sends replies through the
 * outbox. Network work runs on the background executor; every observable change happens on the FX thread.
 */
public final class Workspace {
    static final int PAGE = 200;
    static final int MESSAGE_PAGE = 50;
    static final int SEARCH_LIMIT = 200;
    private static final long TYPING_EXPIRES_MILLIS = 6_000;

    private final Environment env;
    private final RestClient rest;
    private final StaffIdentity me;
    private final Consumer<String> onSessionEnded;
    private final Inbox inbox = new Inbox();
    private final ObjectProperty<ConnectionState> connection = new SimpleObjectProperty<>(ConnectionState.CONNECTING);
    private final ObjectProperty<ConversationThread> openThread = new SimpleObjectProperty<>();
    private final StringProperty notice = new SimpleStringProperty("");
    private final LongProperty settingsUpdated = new SimpleLongProperty();
    private final Map<String, Integer> typingGeneration = new HashMap<>();
    private final AtomicInteger loadGeneration = new AtomicInteger();
    private final Outbox outbox;
    private final Drafts drafts;
    private final Set<Runnable> stopsAtSessionEnd = new LinkedHashSet<>();
    private IncomingMessages incoming = IncomingMessages.NONE;
    private Followups followups;
    private StaffStream stream;
    private boolean catchingUp = true;
    private boolean ended;

    Workspace(Environment env, RestClient rest, StaffIdentity me, Consumer<String> onSessionEnded) {
        this.env = env;
        this.rest = rest;
        this.me = me;
        this.onSessionEnded = onSessionEnded;
        String owner = Integer.toHexString((rest.baseUrl() + "|" + me.id()).hashCode());
        Path file = env.dataDir().resolve("outbox-" + owner + ".json");
        this.outbox = new Outbox(file, rest::send, new OutboxEvents(), env.json());
        this.drafts = new Drafts(env.dataDir().resolve("drafts-" + owner + ".json"), env.json());
    }

    public StaffIdentity me() {
        return me;
    }

    public String serverUrl() {
        return rest.baseUrl();
    }

    public Inbox inbox() {
        return inbox;
    }

    /** The followups of an admin's screens, made on first use (staff never read them: the routes are admin-only). */
    public Followups followups() {
        if (followups == null) {
            followups = new Followups(this);
        }
        return followups;
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection;
    }

    public ReadOnlyObjectProperty<ConversationThread> openThreadProperty() {
        return openThread;
    }

    /** The last thing worth telling the user that is not an error of a form (a refused action, a lost reply). */
    /** Runs work on the FX thread, as every change to observable state must (tests run it where they choose). */
    public void onFx(Runnable work) {
        env.fx().execute(work);
    }

    /** The stream position of the last change to the tenant's settings (by anyone, this app included). */
    public ReadOnlyLongProperty settingsUpdatedProperty() {
        return settingsUpdated;
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice;
    }

    public void setIncomingMessages(IncomingMessages listener) {
        this.incoming = listener;
    }

    /** Loads the first page, connects the stream from that read's seq, then loads the older pages behind it. */
    public CompletableFuture<Void> start() {
        return CompletableFuture.supplyAsync(() -> rest.conversations(null, PAGE), env.background())
                .thenAcceptAsync(first -> {
                    inbox.replaceAll(first.data());
                    stream = new StaffStream(rest.baseUrl(), rest.token(), first.streamSeq(), env.backoff().get(),
                            env.json(), new StreamEvents());
                    stream.start();
                    loadRest(first, loadGeneration.incrementAndGet());
                }, env.fx());
    }

    private void loadRest(ConversationPage previous, int generation) {
        if (previous.nextCursor() == null) {
            return;
        }
        background(() -> rest.conversations(previous.nextCursor(), PAGE), page -> {
            if (generation == loadGeneration.get() && !ended) {
                inbox.addPage(page.data());
                loadRest(page, generation);
            }
        });
    }

    /** After a {@code reset} the stream cannot replay: read the inbox and the open conversation again over REST. */
    private void reload() {
        int generation = loadGeneration.incrementAndGet();
        background(() -> rest.conversations(null, PAGE), first -> {
            inbox.replaceAll(first.data());
            loadRest(first, generation);
        });
        ConversationThread thread = openThread.get();
        if (thread != null) {
            background(() -> rest.messages(thread.conversationId(), null, MESSAGE_PAGE), thread::showNewest);
        }
        if (followups != null) {
            followups.reload();
        }
    }

    /** Opens a conversation: the newest page of messages, and everything up to it counts as read. */
    /**
     * Opens a conversation found outside the inbox list (in history): it joins the inbox first, so the header and
     * the details know it even when it is older than what the list loaded.
     */
    public void open(ConversationView conversation) {
        inbox.upsertUnlessOlder(conversation);
        open(conversation.id());
    }

    public void open(String conversationId) {
        ConversationThread thread = new ConversationThread(conversationId);
        openThread.set(thread);
        outbox.pending().forEach(thread::addPending);
        background(() -> rest.messages(conversationId, null, MESSAGE_PAGE), page -> {
            thread.showNewest(page);
            markRead(thread);
        });
    }

    /** What was typed in a conversation's composer and not sent (kept across conversations, sessions, restarts). */
    public String draft(String conversationId) {
        return drafts.get(conversationId);
    }

    public void keepDraft(String conversationId, String text) {
        drafts.put(conversationId, text);
    }

    /** Loads the page before the oldest message shown (scrolling up). */
    public void loadOlder() {
        ConversationThread thread = openThread.get();
        if (thread == null || thread.loadingProperty().get() || !thread.hasOlderProperty().get()) {
            return;
        }
        Long oldest = thread.oldestSeq();
        thread.setLoading(true);
        background(() -> rest.messages(thread.conversationId(), oldest, MESSAGE_PAGE), thread::prependOlder,
                failure -> thread.setLoading(false));
    }

    /** Queues a reply in the outbox (on disk first), shows it as sending, and sends it when the server is reachable. */
    public void reply(String text) {
        ConversationThread thread = openThread.get();
        if (thread == null || text.isBlank()) {
            return;
        }
        PendingReply reply = new PendingReply(UUID.randomUUID().toString(), thread.conversationId(), text.strip(),
                Timestamps.format(env.clock().instant()));
        thread.addPending(reply);
        env.background().execute(() -> outbox.add(reply));
    }

    /** A typing signal about a conversation (named: a stop may concern the conversation just left). */
    public void typing(String conversationId, boolean typing) {
        if (stream != null) {
            stream.sendTyping(conversationId, typing);
        }
    }

    public void assignToMe() {
        update(Map.of("assignee_id", Long.toString(me.id())));
    }

    public void assignTo(String userIdOrNull) {
        Map<String, Object> change = new HashMap<>();
        change.put("assignee_id", userIdOrNull);
        update(change);
    }

    public void closeConversation() {
        update(Map.of("status", "closed"));
    }

    public void reopenConversation() {
        update(Map.of("status", "open"));
    }

    private void update(Map<String, Object> change) {
        ConversationThread thread = openThread.get();
        if (thread != null) {
            background(() -> rest.update(thread.conversationId(), change), inbox::upsert);
        }
    }

    /**
     * Asks the server which conversations match {@code text} in any message or contact field, beyond what the list
     * shows; matches the app did not know yet join the inbox (the stream keeps them current from then on).
     */
    public CompletableFuture<List<ConversationView>> search(String text) {
        return call(() -> rest.search(text, SEARCH_LIMIT)).thenApply(found -> {
            inbox.addPage(found);
            return found;
        });
    }

    /** The tenant's users (admins only) for assigning and the team screen. */
    public CompletableFuture<List<StaffUser>> users() {
        return call(rest::users);
    }

    /**
     * Runs a call of a feature's client (followups, analytics, settings…) off the FX thread with this session's
     * server and token; the future completes on the FX thread, and an expired token ends the session.
     */
    public <T> CompletableFuture<T> request(Function<HttpJson, T> work) {
        return call(() -> work.apply(rest.http()));
    }

    /** Runs a call off the FX thread; the future completes on the FX thread. */
    private <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        env.background().execute(() -> {
            try {
                T value = work.get();
                env.fx().execute(() -> result.complete(value));
            } catch (RuntimeException e) {
                env.fx().execute(() -> {
                    expireIfUnauthenticated(e);
                    result.completeExceptionally(e);
                });
            }
        });
        return result;
    }

    public CompletableFuture<CreatedUser> createUser(String email, String name, String role) {
        return call(() -> rest.createUser(email, name, role));
    }

    public CompletableFuture<StaffUser> updateUser(String id, Map<String, Object> changes) {
        return call(() -> rest.updateUser(id, changes));
    }

    /** A generated new password for the user, to hand over once. */
    public CompletableFuture<String> resetPassword(String id) {
        return call(() -> rest.resetPassword(id));
    }

    /** Signs out: the server forgets this token, and so does this computer. */
    public void signOut() {
        end(null);
        env.background().execute(() -> {
            try {
                rest.logout();
            } catch (ApiFailure alreadyGone) {
                // Signed out here either way; the token is no longer stored.
            }
        });
    }

    /** The app is quitting: stop the stream and the outbox; the token and unsent replies stay for the next start. */
    public void shutdown() {
        stopEverything();
    }

    private void end(String reason) {
        if (ended) {
            return;
        }
        stopEverything();
        onSessionEnded.accept(reason);
    }

    private void stopEverything() {
        ended = true;
        loadGeneration.incrementAndGet();
        if (stream != null) {
            stream.close();
        }
        outbox.close();
        drafts.close();
        List.copyOf(stopsAtSessionEnd).forEach(Runnable::run);
        stopsAtSessionEnd.clear();
    }

    /**
     * Long work of this session (an export) that must not go on after sign-out, expiry or quitting: {@code stop} runs
     * then, unless the returned handle was run first to say the work is over. FX thread only.
     */
    public Runnable stopWhenSessionEnds(Runnable stop) {
        stopsAtSessionEnd.add(stop);
        return () -> stopsAtSessionEnd.remove(stop);
    }

    private void markRead(ConversationThread thread) {
        long seq = thread.newestSeq();
        inbox.markRead(thread.conversationId());
        if (seq > 0) {
            env.background().execute(() -> {
                try {
                    rest.markRead(thread.conversationId(), seq);
                } catch (ApiFailure ignored) {
                    // The read marker only moves forward; the next open tries again.
                }
            });
        }
    }

    private <T> void background(Supplier<T> work, Consumer<T> onFx) {
        background(work, onFx, failure -> notice.set(FailureMessages.describe(failure)));
    }

    private <T> void background(Supplier<T> work, Consumer<T> onFx, Consumer<RuntimeException> onFailure) {
        env.background().execute(() -> {
            try {
                T value = work.get();
                env.fx().execute(() -> {
                    if (!ended) {
                        onFx.accept(value);
                    }
                });
            } catch (RuntimeException e) {
                env.fx().execute(() -> {
                    if (!expireIfUnauthenticated(e)) {
                        onFailure.accept(e);
                    }
                });
            }
        });
    }

    private boolean expireIfUnauthenticated(RuntimeException e) {
        if (e instanceof ApiFailure failure && failure.kind() == ApiFailure.Kind.UNAUTHENTICATED) {
            end(FailureMessages.SESSION_EXPIRED);
            return true;
        }
        return false;
    }

    private void apply(Envelope event) {
        JsonNode data = event.data();
        switch (event.type()) {
            case "conversation.created" -> {
                ConversationView created = env.json().convertValue(data.path("conversation"), ConversationView.class);
                inbox.upsert(created);
                // Stream events carry no unread count; the REST view of the new conversation has it.
                background(() -> rest.conversation(created.id()), inbox::upsertUnlessOlder, ignored -> {
                });
            }
            case "conversation.updated" ->
                    inbox.upsert(env.json().convertValue(data.path("conversation"), ConversationView.class));
            case "message.created" -> messageCreated(env.json().convertValue(data, MessageView.class));
            case "message.updated" -> {
                ConversationThread thread = openThread.get();
                if (thread != null && thread.conversationId().equals(data.path("conversation_id").asText())) {
                    thread.delivery(data.path("id").asText(),
                            env.json().convertValue(data.path("delivery"), Delivery.class));
                }
            }
            case "typing" -> typing(data);
            case "presence.visitor" ->
                    inbox.visitorOnline(data.path("conversation_id").asText(), data.path("online").asBoolean());
            case "history.purged" -> reload();
            case "settings.updated" ->
                    settingsUpdated.set(event.seq() == null ? settingsUpdated.get() + 1 : event.seq());
            case "followup.created", "followup.updated" -> {
                if (followups != null) {
                    followups.changed(env.json().convertValue(data.path("followup"), Followup.class));
                }
            }
            default -> {
            }
        }
    }

    private void messageCreated(MessageView message) {
        ConversationThread thread = openThread.get();
        boolean open = thread != null && thread.conversationId().equals(message.conversationId());
        boolean fromContact = "user".equals(message.sender());
        if (inbox.find(message.conversationId()).isEmpty()) {
            background(() -> rest.conversation(message.conversationId()), inbox::upsertUnlessOlder);
        }
        inbox.messageArrived(message, fromContact && !open);
        if (open) {
            thread.add(message);
            if (fromContact) {
                clearVisitorTyping(message.conversationId());
                markRead(thread);
            }
        }
        if (fromContact && !open) {
            // The open conversation is on screen: the message shows there, a notification would only repeat it.
            ConversationView conversation = inbox.find(message.conversationId()).orElse(null);
            incoming.arrived(conversation, message, catchingUp);
        }
    }

    private void typing(JsonNode data) {
        if (!"user".equals(data.path("actor").asText())) {
            return;
        }
        String id = data.path("conversation_id").asText();
        if (!"start".equals(data.path("state").asText())) {
            clearVisitorTyping(id);
            return;
        }
        inbox.visitorTyping().put(id, true);
        int generation = typingGeneration.merge(id, 1, Integer::sum);
        // A start expires after 6 s unless renewed (PROTOCOL.md §C.7).
        CompletableFuture.delayedExecutor(TYPING_EXPIRES_MILLIS, TimeUnit.MILLISECONDS)
                .execute(() -> env.fx().execute(() -> {
                    if (typingGeneration.getOrDefault(id, 0) == generation) {
                        clearVisitorTyping(id);
                    }
                }));
    }

    private void clearVisitorTyping(String id) {
        inbox.visitorTyping().remove(id);
    }

    /** Stream callbacks arrive on the socket thread; everything is handed to the FX thread in order. */
    private final class StreamEvents implements StreamListener {
        @Override
        public void onState(ConnectionState state) {
            env.fx().execute(() -> {
                if (state != ConnectionState.CONNECTED) {
                    catchingUp = true;
                }
                connection.set(state);
            });
        }

        @Override
        public void onEvent(Envelope event) {
            env.fx().execute(() -> {
                if (!ended) {
                    apply(event);
                }
            });
        }

        @Override
        public void onReady(long headSeq) {
            env.fx().execute(() -> {
                catchingUp = false;
                incoming.caughtUp();
            });
            outbox.flush();
        }

        @Override
        public void onReset(long headSeq) {
            env.fx().execute(Workspace.this::reload);
        }

        @Override
        public void onAuthenticationFailed() {
            env.fx().execute(() -> end(FailureMessages.SESSION_EXPIRED));
        }
    }

    private final class OutboxEvents implements Outbox.Listener {
        @Override
        public void onSent(PendingReply reply, MessageView message) {
            env.fx().execute(() -> {
                ConversationThread thread = openThread.get();
                if (thread != null) {
                    thread.add(message);
                }
                inbox.messageArrived(message, false);
            });
        }

        @Override
        public void onRejected(PendingReply reply, ApiFailure failure) {
            env.fx().execute(() -> {
                String why = FailureMessages.describe(failure);
                ConversationThread thread = openThread.get();
                if (thread != null) {
                    thread.rejected(reply, why);
                }
                notice.set("A reply was not sent: " + why);
            });
        }

        @Override
        public void onUnauthenticated() {
            env.fx().execute(() -> end(FailureMessages.SESSION_EXPIRED));
        }
    }
}
