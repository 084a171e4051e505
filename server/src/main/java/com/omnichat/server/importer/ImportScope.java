package com.omnichat.server.importer;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

/**
 * What the parts of one import share: the writer's connection, the target, the report and the ids mapped so far:
 * {@code userIds} maps old users.id to new ids (assignees, message authors), {@code conversationIds} maps the old key
 * "channel user_id" to new conversation ids (messages, followups).
 */
record ImportScope(ImportRun.Tools tools, Connection c, long tenantId, long now, ImportReport report, RowKeys rowKeys,
                   Map<Long, Long> userIds, Map<String, Long> conversationIds) {
    static final String UNPARSEABLE = "unparseable timestamp";
    static final String ALREADY = "already imported";
    static final String NO_USER_ID = "no user_id";

    ImportScope(ImportRun.Tools tools, Connection c, long tenantId, long now, ImportReport report) {
        this(tools, c, tenantId, now, report, new RowKeys(), new HashMap<>(), new HashMap<>());
    }
}
