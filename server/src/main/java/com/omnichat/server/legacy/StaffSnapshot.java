package com.omnichat.server.legacy;

import com.omnichat.server.conversations.ConversationReader;
import com.omnichat.server.realtime.FrameBytes;
import com.omnichat.server.realtime.FrameSender;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The frames /admin-ws sends on connect (PROTOCOL.md §A.12): open conversations, newest first, until they fill a byte
 * budget. The conversation at the border keeps only its newest messages that fit; older conversations are left out.
 * Without the budget, 200 conversations of 100 long messages would be hundreds of megabytes per socket.
 */
final class StaffSnapshot {
    /** Below the socket's 4 MiB queue, so live frames committed while the snapshot is queued still fit behind it. */
    static final long BUDGET_BYTES = 3L * 1024 * 1024;

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

    /** The frame as it fits in {@code left} bytes: whole, or without its oldest messages; null when it cannot fit. */
    @SuppressWarnings("unchecked")
    private String fitted(Map<String, Object> frame, long left) {
        String whole = frames.write(frame);
        long over = FrameBytes.of(whole) - left;
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
        if (over > 0) {
            return null;
        }
        data.put("messages", new ArrayList<>(messages.subList(dropped, messages.size())));
        String trimmed = frames.write(frame);
        return FrameBytes.of(trimmed) <= left ? trimmed : null;
    }
}
