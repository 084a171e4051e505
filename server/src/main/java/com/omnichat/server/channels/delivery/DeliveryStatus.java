package com.omnichat.server.channels.delivery;

import java.util.Collection;
import java.util.List;

/**
 * The delivery states of an outbound message (PROTOCOL.md §C.3) and the rule that they never move backwards:
 * {@code pending < queued < sent < delivered < read}; {@code undelivered} and {@code failed} are final.
 */
public final class DeliveryStatus {
    public static final String PENDING = "pending";
    public static final String QUEUED = "queued";
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String READ = "read";
    public static final String UNDELIVERED = "undelivered";
    public static final String FAILED = "failed";
    private static final List<String> PROGRESS = List.of(PENDING, QUEUED, SENT, DELIVERED, READ);

    private DeliveryStatus() {
    }

    public static boolean isFinalFailure(String status) {
        return FAILED.equals(status) || UNDELIVERED.equals(status);
    }

    /** The status after {@code next} was reported on top of {@code current}: never backwards, failures final. */
    public static String advance(String current, String next) {
        if (next == null || current != null && isFinalFailure(current)) {
            return current;
        }
        if (current == null || isFinalFailure(next)) {
            return next;
        }
        return PROGRESS.indexOf(next) > PROGRESS.indexOf(current) ? next : current;
    }

    /**
     * The status of a message sent in several parts: the first failure of a part if any failed, otherwise the
     * least advanced part (the message is delivered once every part is).
     */
    public static String combine(Collection<String> parts) {
        String least = null;
        for (String part : parts) {
            if (isFinalFailure(part)) {
                return part;
            }
            if (least == null || PROGRESS.indexOf(part) < PROGRESS.indexOf(least)) {
                least = part;
            }
        }
        return least == null ? PENDING : least;
    }

    /** Twilio's message statuses in ours (§D.2); null for a status we do not know. */
    public static String fromTwilio(String twilioStatus) {
        if (twilioStatus == null) {
            return null;
        }
        return switch (twilioStatus) {
            case "accepted", "scheduled", "queued", "sending" -> QUEUED;
            case "sent", "delivered", "read", "undelivered", "failed" -> twilioStatus;
            case "canceled" -> FAILED;
            default -> null;
        };
    }
}
