package org.colloquy.notification.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.colloquy.persistence.Sql;

/**
 * A user's preferences: the notification types they turned off ({@code preference.disabled_types}, an array) and
 * the articles they muted. The notification inserts read both where they are written (NotificationRepository).
 */
@ApplicationScoped
public class PreferenceRepository {

    private final Sql sql;

    public PreferenceRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<Set<String>> disabledTypes(UUID user) {
        return sql.first("select disabled_types from preference where user_id = $1",
                row -> Set.of(row.getArrayOfStrings("disabled_types")), user)
                .map(types -> types == null ? Set.of() : types);
    }

    public Uni<Void> saveDisabledTypes(UUID user, Collection<String> types) {
        return sql.execute("insert into preference (user_id, disabled_types) values ($1, $2) "
                + "on conflict (user_id) do update set disabled_types = excluded.disabled_types", user,
                types.toArray(String[]::new));
    }

    /** The muted articles' current slugs, in order. */
    public Uni<List<String>> mutedSlugs(UUID user) {
        return sql.list("select a.slug from muted_article m join article_replica a on a.article_id = "
                + "m.article_id where m.user_id = $1 order by a.slug", row -> row.getString("slug"), user);
    }

    public Uni<Void> unmuteAll(UUID user) {
        return sql.execute("delete from muted_article where user_id = $1", user);
    }

    public Uni<Void> mute(UUID user, UUID article) {
        return sql.execute("insert into muted_article (user_id, article_id) values ($1, $2) "
                + "on conflict do nothing", user, article);
    }
}
