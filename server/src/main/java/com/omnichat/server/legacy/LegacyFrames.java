package com.omnichat.server.legacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.omnichat.protocol.Channels;

import java.util.LinkedHashMap;
import java.util.Map;

/** The typing frames of the legacy sockets, with exactly the keys their clients expect (PROTOCOL.md §A.11, §A.12). */
final class LegacyFrames {
    private final ObjectMapper json;

    LegacyFrames(ObjectMapper json) {
        this.json = json;
    }

    /** To /admin-ws: the six keys of a broadcast frame, text empty. */
    String visitorTyping(String userId, boolean start, String ts) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("user_id", userId);
        frame.put("channel", Channels.WEBCHAT);
        frame.put("sender", "user");
        frame.put("text", "");
        frame.put("type", typeOf(start));
        frame.put("ts", ts);
        return write(frame);
    }

    /** To /ws/{user_id}: no text key, or chatbot.js would render it as a chat line. */
    String staffTyping(boolean start, String ts) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", typeOf(start));
        frame.put("sender", "staff");
        frame.put("ts", ts);
        return write(frame);
    }

    /** A client frame; unparseable ones read as a missing node, which every lookup treats as absent. */
    JsonNode read(String message) {
        try {
            JsonNode frame = json.readTree(message);
            return frame == null ? MissingNode.getInstance() : frame;
        } catch (JsonProcessingException unparseable) {
            return MissingNode.getInstance();
        }
    }

    String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Frame is not serialisable", e);
        }
    }

    private static String typeOf(boolean start) {
        return start ? "typing" : "stop_typing";
    }
}
