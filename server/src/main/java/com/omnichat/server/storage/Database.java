package com.omnichat.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The embedded SQLite database: migrated on open, read through a small pool, written only by {@link SingleWriter}.
 * SQLite serialises writers anyway; one writer connection turns lock contention into group commit.
 */
public final class Database implements AutoCloseable {
    static final String FILE_NAME = "omnichat.db";
    private final HikariDataSource readers;
    private final SingleWriter writer;
    private final String schemaVersion;

    private Database(HikariDataSource readers, SingleWriter writer, String schemaVersion) {
        this.readers = readers;
        this.writer = writer;
        this.schemaVersion = schemaVersion;
    }

    public static Database open(Path dataDir) {
        try {
            DataDirectory.prepare(dataDir);
            Path file = file(dataDir).toAbsolutePath();
            String url = "jdbc:sqlite:" + file;
            String schemaVersion = migrate(url);
            HikariConfig pool = new HikariConfig();
            pool.setDataSource(dataSource(url));
            pool.setPoolName("omnichat-readers");
            pool.setMaximumPoolSize(6);
            pool.setMinimumIdle(2);
            pool.setAutoCommit(true);
            HikariDataSource readers = new HikariDataSource(pool);
            SingleWriter writer = new SingleWriter(dataSource(url).getConnection());
            return new Database(readers, writer, schemaVersion);
        } catch (SchemaTooNewException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException("Cannot open the database in " + dataDir, e);
        }
    }

    /** The SQLite file of a data directory (its -wal and -shm files sit beside it while it is open). */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Brings the schema up to date; returns the version it is at afterwards. */
    private static String migrate(String url) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource(url))
                .locations("classpath:db/migration")
                .load();
        SchemaVersions.refuseNewerSchema(flyway.info());
        flyway.migrate();
        var current = flyway.info().current();
        return current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion();
    }

    /** The schema version the migrations at open left the database at (they all ran, or opening failed). */
    public String schemaVersion() {
        return schemaVersion;
    }

    private static SQLiteDataSource dataSource(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // Index pages of a busy database do not fit SQLite's 2 MB default cache; a larger cache and memory-mapped
        // reads keep lookups off the disk path.
        config.setCacheSize(-32_768);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(256L * 1024 * 1024));
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        return ds;
    }

    public SingleWriter writer() {
        return writer;
    }

    /** Runs a read in one transaction, so everything it returns belongs to the same snapshot. */
    public <T> T read(SqlFunction<T> work) {
        try (Connection connection = readers.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return work.apply(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("Read failed", e);
        }
    }

    @Override
    public void close() {
        writer.close();
        readers.close();
    }
}
