package com.omnichat.server.legacy;

import com.omnichat.server.conversations.ConversationReader;
import com.omnichat.server.realtime.FrameBytes;
import com.omnichat.server.realtime.FrameSender;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The frames /admin-ws sends on connect (PROTOCOL.md §A.12) within a byte budget: open conversations, newest first,
 * each with as many of its newest messages as still fit. Once the budget is spent, older conversations come with no
 * messages (their {@code message_count} still says how many there are), so the list of open conversations stays
 * whole. Without the budget, 200 conversations of 100 long messages would be hundreds of megabytes per socket.
 */
final class StaffSnapshot {
    /** Below the socket's 4 MiB queue, so live frames committed while the snapshot is queued still fit behind it. */
    static final long BUDGET_BYTES = 3L * 1024 * 1024;
    /**
     * Kept back from messages so that every one of the (at most 200) conversations can still be listed without its
     * messages: such a frame is its ids, names and timestamps, well under 1 KiB.
     */
    private static final long RESERVED_FOR_LIST = 200 * 1024;

    private final ConversationReader reader;
    private final LegacyFrames frames;

    StaffSnapshot(ConversationReader reader, LegacyFrames frames) {
        this.reader = reader;
        this.frames = frames;
    }

    void send(long tenantId, FrameSender sender) {
        long[] left = {BUDGET_BYTES};
        reader.legacySnapshot(tenantId, frame -> {
            String text = fitted(frame, left[0]);
            if (text == null) {
                return false;
            }
            left[0] -= FrameBytes.of(text);
            return sender.send(text);
        });
    }

    /**
     * The frame as it fits in {@code left} bytes: whole, or without its oldest messages, within what is left beyond
     * the reserve; without any message, within the reserve; null when not even that fits.
     */
    @SuppressWarnings("unchecked")
    private String fitted(Map<String, Object> frame, long left) {
        long forMessages = left - RESERVED_FOR_LIST;
        String whole = frames.write(frame);
        long over = FrameBytes.of(whole) - forMessages;
        if (over <= 0) {
            return whole;
        }
        Map<String, Object> data = (Map<String, Object>) frame.get("data");
        List<Map<String, Object>> messages = (List<Map<String, Object>>) data.get("messages");
        int dropped = 0;
        while (over > 0 && dropped < messages.size()) {
            over -= FrameBytes.of(frames.write(messages.get(dropped))) + 1;  // the item and its comma
            dropped++;
        }
        data.put("messages", new ArrayList<>(messages.subList(dropped, messages.size())));
        String trimmed = frames.write(frame);
        long room = dropped == messages.size() ? left : forMessages;
        return FrameBytes.of(trimmed) <= room ? trimmed : null;
    }
}
