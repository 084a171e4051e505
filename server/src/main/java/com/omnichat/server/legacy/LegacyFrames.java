package com.omnichat.server.legacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;


/** Reads and writes the JSON frames of the legacy sockets. */
final class LegacyFrames {
    private final ObjectMapper json;

    LegacyFrames(ObjectMapper json) {
        this.json = json;
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
}
