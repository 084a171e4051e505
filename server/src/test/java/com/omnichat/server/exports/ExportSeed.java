package com.omnichat.server.exports;

import com.omnichat.server.conversations.ConversationStore;
import com.omnichat.server.storage.Database;

/** Seeds many conversations quickly: one writer transaction through the conversation store, no HTTP. */
public final class ExportSeed {
    private ExportSeed() {
    }

    public static void conversations(Database db, long tenantId, int count) {
        ConversationStore store = new ConversationStore(new com.omnichat.server.analytics.AnalyticsRecorder());
        long start = 1_700_000_000_000_000L;
        db.writer().execute(tx -> {
            for (int i = 0; i < count; i++) {
                store.insert(tx.connection(), tenantId, "c_seed" + i, i % 2 == 0 ? "webchat" : "sms",
                        "seed-" + i, start + i);
            }
            return null;
        });
    }
}
