package com.omnichat.server.storage;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Flyway by default ignores applied migrations it has no script for ("future" ones) and carries on, so a downgraded
 * package would run on a schema it does not know. This check refuses instead, naming both versions.
 */
final class SchemaVersions {
    private SchemaVersions() {
    }

    static void refuseNewerSchema(MigrationInfoService info) {
        Optional<MigrationVersion> newestFuture = newest(info.applied(), SchemaVersions::isFuture);
        if (newestFuture.isEmpty()) {
            return;
        }
        String known = newest(info.all(), migration -> !isFuture(migration))
                .map(MigrationVersion::getVersion).orElse("none");
        throw new SchemaTooNewException("The database schema is at version " + newestFuture.get().getVersion()
                + ", but this Omnichat knows migrations only up to version " + known + ": a newer release upgraded it. Install that"
                + " release again, or restore a backup taken before the upgrade. Refusing to start.");
    }

    private static boolean isFuture(MigrationInfo migration) {
        return migration.getState() == MigrationState.FUTURE_SUCCESS
                || migration.getState() == MigrationState.FUTURE_FAILED;
    }

    private static Optional<MigrationVersion> newest(MigrationInfo[] migrations, Predicate<MigrationInfo> include) {
        return Arrays.stream(migrations)
                .filter(include)
                .map(MigrationInfo::getVersion)
                .filter(version -> version != null)
                .max(Comparator.naturalOrder());
    }
}
