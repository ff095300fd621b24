package kz.shekara.server.store;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real PostgreSQL server: one {@link LocalPostgres} cluster per test run, started on
 * first use and stopped when the run ends. A test asks for a {@code LocalPostgres} parameter and
 * creates its own database. When the server binaries are missing the tests fail (never skip) with
 * the reason.
 */
public final class PostgresExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        return p.getParameter().getType() == LocalPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        return ctx.getRoot().getStore(NS).getOrComputeIfAbsent("cluster", k -> new Cluster(LocalPostgres.start(false)),
                Cluster.class).pg;
    }

    /** Closes the cluster with the root context, at the end of the run. */
    private record Cluster(LocalPostgres pg) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            pg.close();
        }
    }
}
