package com.omnichat.server.cli;

import com.omnichat.server.config.ServerConfig;

import java.io.PrintWriter;

/**
 * Backup and restore copy the embedded SQLite file. A server on PostgreSQL keeps its data elsewhere, where the
 * database's own tools make consistent copies; the commands say so instead of copying a file that is not the data.
 */
final class ExternalDatabase {
    private ExternalDatabase() {
    }

    /** True (and the advice printed) when OMNICHAT_DATABASE_URL names another database than the embedded file. */
    static boolean explained(ServerConfig config, PrintWriter err) {
        if (config.databaseUrl().isEmpty()) {
            return false;
        }
        // The URL is not echoed: it usually carries the database password.
        err.println("omnichat: OMNICHAT_DATABASE_URL is set, so the data is in PostgreSQL, not in "
                + config.dataDir() + ". Use PostgreSQL's own tools:");
        err.println("  back up:  pg_dump --format=custom --file=omnichat.dump \"$DATABASE\"");
        err.println("  restore:  stop the servers, then pg_restore --clean --if-exists --dbname=\"$DATABASE\" omnichat.dump");
        err.println("  (pg_dump takes a consistent snapshot while the servers keep writing.)");
        err.flush();
        return true;
    }
}
