package com.omnichat.server.importer;

import java.util.List;
import java.util.Set;

/**
 * An old table the importer maps: the columns it reads, the ones without which no row can be mapped, and the ones
 * whose absence changes the result enough to report. Columns it does not read are reported as not mapped.
 */
record LegacyTable(String name, List<String> required, List<String> reported, List<String> read) {
    static final LegacyTable USERS = new LegacyTable("users", List.of("email", "password_hash"),
            List.of("name", "role", "created_at"),
            List.of("id", "email", "name", "password_hash", "role", "created_at"));
    static final LegacyTable CONVERSATIONS = new LegacyTable("conversations", List.of("user_id"),
            List.of("channel", "open", "updated_at", "final_sent"),
            List.of("id", "user_id", "channel", "assigned_staff", "assigned_staff_id", "open", "updated_at",
                    "patience_sent", "final_sent", "escalation_active", "created_at", "first_user_message_at",
                    "first_staff_reply_at", "closed_at"));
    static final LegacyTable MESSAGES = new LegacyTable("messages", List.of("user_id", "text", "ts"),
            List.of("channel", "sender"),
            List.of("id", "user_id", "channel", "sender", "text", "ts", "staff_id"));
    static final LegacyTable FOLLOWUPS = new LegacyTable("followups", List.of("user_id", "ts"),
            List.of("channel", "name", "message", "viewed"),
            List.of("id", "user_id", "channel", "name", "email", "phone", "contact", "message", "ts", "viewed"));
    static final LegacyTable HISTORY = new LegacyTable("history", List.of("user_id", "ts"),
            List.of("channel", "name", "contact", "message", "migrated_at"),
            List.of("id", "user_id", "channel", "name", "email", "phone", "contact", "message", "ts", "migrated_at"));
    static final LegacyTable EVENTS = new LegacyTable("events", List.of("type", "ts"),
            List.of("payload"),
            List.of("id", "user_id", "type", "payload", "ts"));

    static final List<LegacyTable> MAPPED = List.of(USERS, CONVERSATIONS, MESSAGES, FOLLOWUPS, HISTORY, EVENTS);
    /** Reporting tables of the old system: derived numbers Omnichat computes itself. */
    static final Set<String> IGNORED = Set.of("conversation_metrics", "conversation_feedback", "agent_metrics",
            "ai_actions");
}
