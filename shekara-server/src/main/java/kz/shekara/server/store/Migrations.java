package kz.shekara.server.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a store's schema to the current version with Flyway. Each dialect has its own scripts under
 * {@code kz/shekara/server/store/migration/<dialect>}, with the same version numbers and the same
 * tables; a new version is added to both.
 */
final class Migrations {
    private Migrations() {
    }

    /** Migrates the database at {@code jdbcUrl} (credentials in the URL); {@code dialect} is sqlite or postgresql. */
    static void migrate(String jdbcUrl, String dialect, String storeName) {
        try {
            Flyway.configure()
                    .dataSource(jdbcUrl, null, null)
                    .locations("classpath:kz/shekara/server/store/migration/" + dialect)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreUnavailableException("cannot migrate event store " + storeName + ": " + e.getMessage(), e);
        }
    }
}
