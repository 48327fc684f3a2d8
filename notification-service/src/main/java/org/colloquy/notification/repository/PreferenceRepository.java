package org.colloquy.notification.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.colloquy.persistence.NativeSql;

/**
 * A user's preferences: the notification types they turned off ({@code preference.disabled_types}, an array) and
 * the articles they muted. The notification inserts read both where they are written (NotificationRepository).
 */
@ApplicationScoped
public class PreferenceRepository {

    /** Type names have no commas (they are NotificationType's): the array travels as one comma-separated text. */
    public Uni<Set<String>> disabledTypes(UUID user) {
        return NativeSql.list("select array_to_string(disabled_types, ',') from preference where user_id = ?1", user)
                .map(rows -> rows.isEmpty() ? Set.of() : Arrays.stream(rows.get(0).toString().split(","))
                        .filter(type -> !type.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    public Uni<Void> saveDisabledTypes(UUID user, Collection<String> types) {
        return NativeSql.execute("insert into preference (user_id, disabled_types) "
                + "values (?1, string_to_array(cast(?2 as text), ',')) "
                + "on conflict (user_id) do update set disabled_types = excluded.disabled_types", user,
                String.join(",", types));
    }

    /** The muted articles' current slugs, in order. */
    public Uni<List<String>> mutedSlugs(UUID user) {
        return NativeSql.list("select a.slug from muted_article m join article_replica a on a.article_id = "
                + "m.article_id where m.user_id = ?1 order by a.slug", user)
                .map(slugs -> slugs.stream().map(Object::toString).toList());
    }

    public Uni<Void> unmuteAll(UUID user) {
        return NativeSql.execute("delete from muted_article where user_id = ?1", user);
    }

    public Uni<Void> mute(UUID user, UUID article) {
        return NativeSql.execute("insert into muted_article (user_id, article_id) values (?1, ?2) "
                + "on conflict do nothing", user, article);
    }
}
