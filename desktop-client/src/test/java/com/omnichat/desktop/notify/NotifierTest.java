package com.omnichat.desktop.notify;

import com.omnichat.protocol.Contact;
import com.omnichat.protocol.ConversationView;
import com.omnichat.protocol.MessageView;
import com.omnichat.server.support.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotifierTest {
    private final List<String> shown = new ArrayList<>();
    private final TestClock clock = TestClock.startingNow();
    private final Notifier notifier = new Notifier((title, text) -> shown.add(title + ": " + text), clock);

    @Test
    void oneNotificationPerConversationPerQuietPeriodCountingTheRest() {
        notifier.arrived(conversation("c1", "Ann"), message("c1", 1, "Hello"), false);
        notifier.arrived(conversation("c1", "Ann"), message("c1", 2, "Are you there?"), false);
        notifier.arrived(conversation("c1", "Ann"), message("c1", 3, "Anyone?"), false);
        notifier.arrived(conversation("c2", "Bob"), message("c2", 4, "Hi"), false);
        assertThat(shown).containsExactly("Ann: Hello", "Bob: Hi");

        clock.advance(Notifier.QUIET);
        notifier.arrived(conversation("c1", "Ann"), message("c1", 5, "Hello again"), false);
        assertThat(shown).last().isEqualTo("Ann: Hello again (+2 more)");
    }

    @Test
    void catchingUpAfterAReconnectGivesOneSummaryNotAFlood() {
        for (int i = 0; i < 50; i++) {
            notifier.arrived(conversation("c" + i % 5, "Visitor"), message("c" + i % 5, i, "text " + i), true);
        }
        assertThat(shown).isEmpty();
        notifier.caughtUp();
        assertThat(shown).containsExactly("Omnichat: 50 new messages in 5 conversations while you were offline");
        notifier.caughtUp();
        assertThat(shown).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void aLiveMessageRightAfterTheSummaryIsHeldLikeAnyOtherInTheQuietPeriod() {
        notifier.arrived(conversation("c1", "Ann"), message("c1", 1, "While offline"), true);
        notifier.caughtUp();
        notifier.arrived(conversation("c1", "Ann"), message("c1", 2, "Just after"), false);
        notifier.arrived(conversation("c2", "Bob"), message("c2", 3, "Someone else"), false);
        assertThat(shown).containsExactly("Omnichat: 1 new message in 1 conversation while you were offline",
                "Bob: Someone else");

        clock.advance(Notifier.QUIET);
        notifier.arrived(conversation("c1", "Ann"), message("c1", 4, "Later"), false);
        assertThat(shown).last().isEqualTo("Ann: Later (+1 more)");
    }

    private static ConversationView conversation(String id, String name) {
        return new ConversationView(id, "webchat", "v_" + id, "open", null, new Contact(name, null, null), 1, 0L, null,
                null, false, null, true, "2026-11-25T10:00:00.000000Z", "2026-11-25T10:00:00.000000Z", null);
    }

    private static MessageView message(String conversationId, long seq, String text) {
        return new MessageView("m" + seq, conversationId, seq, null, "user", null, text, "2026-11-25T10:00:00.000000Z", null);
    }
}
