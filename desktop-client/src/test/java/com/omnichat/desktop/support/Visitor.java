package com.omnichat.desktop.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.TestServer;
import com.omnichat.server.support.TestSocket;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A website visitor over the real widget API: a session, its stream socket, REST sends. */
public final class Visitor implements AutoCloseable {
    private final TestServer server;
    private final String id;
    private final String secret;
    private TestSocket socket;

    private Visitor(TestServer server, String id, String secret) {
        this.server = server;
        this.id = id;
        this.secret = secret;
    }

    public static Visitor arrive(TestServer server, String siteKey) {
        JsonNode session = server.api().post("/api/v1/widget/sessions", null, Map.of("site_key", siteKey)).body();
        return new Visitor(server, session.get("visitor_id").asText(), session.get("visitor_secret").asText());
    }

    public String id() {
        return id;
    }

    public String authorization() {
        return "Visitor " + id + ":" + secret;
    }

    /** Opens the visitor stream and waits for its ready frame. */
    public Visitor connect() {
        socket = TestSocket.open(server.wsUrl("/api/v1/widget/stream"));
        socket.send(Map.of("type", "hello", "seq", 0, "data", Map.of("visitor_id", id, "visitor_secret", secret)));
        socket.nextOfType("ready");
        return this;
    }

    public TestSocket socket() {
        return socket;
    }

    /** Writes over the socket; waits for the server's ack (the message is committed). */
    public void sayOverSocket(String text) {
        String ref = UUID.randomUUID().toString();
        socket.send(Map.of("type", "message.send", "ref", ref, "seq", 0,
                "data", Map.of("client_id", UUID.randomUUID().toString(), "text", text)));
        socket.nextMatching(f -> "ack".equals(f.path("type").asText()) && ref.equals(f.path("data").path("ref").asText()));
    }

    /** Writes over REST (as the widget does when sockets are blocked). */
    public void say(String text) {
        Api.Reply reply = server.api().post("/api/v1/widget/messages", authorization(),
                Map.of("client_id", UUID.randomUUID().toString(), "text", text));
        if (reply.status() != 201) {
            throw new AssertionError("visitor send failed: " + reply.status() + " " + reply.text());
        }
    }

    /** The visitor's view of its conversation's messages. */
    public List<JsonNode> messages() {
        JsonNode body = server.api().get("/api/v1/widget/messages?limit=200", authorization()).body();
        return java.util.stream.StreamSupport.stream(body.path("data").spliterator(), false).toList();
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
