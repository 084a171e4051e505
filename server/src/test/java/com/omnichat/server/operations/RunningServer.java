package com.omnichat.server.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.OmnichatServer;
import com.omnichat.server.config.ConfigLoader;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A server started in this JVM on an existing data directory, to read back what a backup or a restart kept. */
final class RunningServer implements AutoCloseable {
    private final OmnichatServer server;

    private RunningServer(OmnichatServer server) {
        this.server = server;
    }

    static RunningServer on(Path dataDir) {
        Map<String, String> env = Map.of("OMNICHAT_DATA_DIR", dataDir.toString(), "JWT_SECRET", TestServer.JWT_SECRET,
                "OMNICHAT_HOST", "127.0.0.1", "PORT", "0");
        return new RunningServer(new OmnichatServer(new ConfigLoader(env, null).load()).start());
    }

    /** The ids of every message in the conversations of these visitors, as each visitor's widget lists them. */
    Set<String> messageIdsOf(List<String> visitorAuths) {
        Api api = new Api("http://127.0.0.1:" + server.port());
        Set<String> ids = new HashSet<>();
        for (String visitor : visitorAuths) {
            Api.Reply reply = api.get("/api/v1/widget/messages?limit=500", visitor);
            if (reply.status() != 200) {
                throw new AssertionError("listing a visitor's messages: " + reply.status() + " " + reply.text());
            }
            for (JsonNode message : reply.body().get("data")) {
                ids.add(message.get("id").asText());
            }
        }
        return ids;
    }

    @Override
    public void close() {
        server.close();
    }
}
