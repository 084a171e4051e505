package com.omnichat.server.channels.delivery;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStatusTest {
    @Test
    void statusesNeverMoveBackwardsAndFailuresAreFinal() {
        assertThat(DeliveryStatus.advance("pending", "queued")).isEqualTo("queued");
        assertThat(DeliveryStatus.advance("delivered", "sent")).isEqualTo("delivered");
        assertThat(DeliveryStatus.advance("read", "delivered")).isEqualTo("read");
        assertThat(DeliveryStatus.advance("sent", "undelivered")).isEqualTo("undelivered");
        assertThat(DeliveryStatus.advance("failed", "delivered")).isEqualTo("failed");
        assertThat(DeliveryStatus.advance("undelivered", "failed")).isEqualTo("undelivered");
        assertThat(DeliveryStatus.advance("queued", null)).isEqualTo("queued");
    }

    @Test
    void twilioStatusesMapAsTheProtocolSays() {
        for (String queued : List.of("accepted", "scheduled", "queued", "sending")) {
            assertThat(DeliveryStatus.fromTwilio(queued)).isEqualTo("queued");
        }
        for (String same : List.of("sent", "delivered", "read", "undelivered", "failed")) {
            assertThat(DeliveryStatus.fromTwilio(same)).isEqualTo(same);
        }
        assertThat(DeliveryStatus.fromTwilio("canceled")).isEqualTo("failed");
        assertThat(DeliveryStatus.fromTwilio("receiving")).isNull();
    }

    @Test
    void aSplitMessageIsAsFarAsItsLeastAdvancedPartUnlessOneFailed() {
        assertThat(DeliveryStatus.combine(List.of("delivered", "sent"))).isEqualTo("sent");
        assertThat(DeliveryStatus.combine(List.of("delivered", "pending"))).isEqualTo("pending");
        assertThat(DeliveryStatus.combine(List.of("delivered", "failed"))).isEqualTo("failed");
        assertThat(DeliveryStatus.combine(List.of("read", "read"))).isEqualTo("read");
    }

    @Test
    void textsAreSplitAtWhitespaceWithinTheLimit() {
        assertThat(TextSplitter.split("short", 1600)).containsExactly("short");
        assertThat(TextSplitter.split("aaaa bbbb cccc", 9)).containsExactly("aaaa bbbb", "cccc");
        assertThat(TextSplitter.split("abcdefghij", 4)).containsExactly("abcd", "efgh", "ij");
        String text = "word ".repeat(400).trim();
        List<String> parts = TextSplitter.split(text, 1600);
        assertThat(parts).hasSize(2).allMatch(p -> p.length() <= 1600);
        assertThat(String.join(" ", parts)).isEqualTo(text);
    }

    @Test
    void theFailureNoticeGivesTheProvidersReasonAndCode() {
        assertThat(DeliveryService.shortReason(new OutboxStore.FirstError("21610", "Unsubscribed recipient")))
                .isEqualTo("Unsubscribed recipient (21610)");
        assertThat(DeliveryService.shortReason(new OutboxStore.FirstError("503", null))).isEqualTo("503");
    }
}
