package org.colloquy.notification.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.colloquy.domain.Invalid;
import org.colloquy.messaging.NativeSql;
import org.colloquy.notification.domain.NotificationType;
import org.colloquy.notification.repository.ReplicaRepository;

/** Which notification types a user wants, and which articles they muted (by slug). */
@ApplicationScoped
public class PreferenceService {

    public static final int MUTED_MAX = 1000;

    public record Preferences(Map<String, Boolean> types, List<String> mutedArticles) {
    }

    private final ReplicaRepository replicas;

    public PreferenceService(ReplicaRepository replicas) {
        this.replicas = replicas;
    }

    @WithSession
    public Uni<Preferences> of(UUID user) {
        return NativeSql.list("select disabled_types from preference where user_id = ?1", user).chain(rows -> {
            String disabled = rows.isEmpty() ? "" : rows.get(0).toString();
            Map<String, Boolean> types = new LinkedHashMap<>();
            NotificationType.ALL.forEach(type -> types.put(type, !disabled.contains("," + type + ",")));
            return NativeSql.list("select a.slug from muted_article m join article_replica a on a.article_id = "
                    + "m.article_id where m.user_id = ?1 order by a.slug", user)
                    .map(slugs -> new Preferences(types, slugs.stream().map(Object::toString).toList()));
        });
    }

    /** Types left out stay as they were; the muted list replaces the old one. */
    @WithTransaction
    public Uni<Preferences> save(UUID user, Preferences preferences) {
        Map<String, Boolean> types = preferences.types() == null ? Map.of() : preferences.types();
        List<String> unknown = types.keySet().stream().filter(type -> !NotificationType.ALL.contains(type)).toList();
        if (!unknown.isEmpty()) {
            return Uni.createFrom().failure(new Invalid("types", "unknown types " + unknown
                    + "; known are " + NotificationType.ALL));
        }
        Map<String, List<String>> unset = new TreeMap<>();
        types.forEach((type, on) -> {
            if (on == null) {
                unset.put("types." + type, List.of("must be true or false"));
            }
        });
        if (!unset.isEmpty()) {
            return Uni.createFrom().failure(new Invalid(unset));
        }
        List<String> muted = preferences.mutedArticles();
        if (muted != null && muted.stream().anyMatch(slug -> slug == null || slug.isBlank())) {
            return Uni.createFrom().failure(new Invalid("mutedArticles", "must be a list of slugs"));
        }
        if (muted != null && muted.size() > MUTED_MAX) {
            return Uni.createFrom().failure(new Invalid("mutedArticles", "at most " + MUTED_MAX));
        }
        return of(user).chain(current -> {
            Map<String, Boolean> merged = new LinkedHashMap<>(current.types());
            merged.putAll(types);
            StringBuilder disabled = new StringBuilder(",");
            merged.forEach((type, on) -> {
                if (!on) {
                    disabled.append(type).append(',');
                }
            });
            Uni<Void> saved = NativeSql.execute("insert into preference (user_id, disabled_types) values (?1, ?2) "
                    + "on conflict (user_id) do update set disabled_types = excluded.disabled_types", user,
                    disabled.toString());
            if (muted != null) {
                saved = saved.chain(() -> NativeSql.execute("delete from muted_article where user_id = ?1", user))
                        .chain(() -> mute(user, muted));
            }
            return saved;
        }).chain(() -> of(user));
    }

    private Uni<Void> mute(UUID user, List<String> slugs) {
        Uni<List<String>> unknown = Uni.createFrom().item(new ArrayList<>());
        for (String slug : slugs) {
            unknown = unknown.chain(missing -> replicas.articleIdOf(slug).chain(article -> {
                if (article == null) {
                    missing.add(slug);
                    return Uni.createFrom().item(missing);
                }
                return NativeSql.execute("insert into muted_article values (?1, ?2) on conflict do nothing", user,
                        article).replaceWith(missing);
            }));
        }
        return unknown.invoke(missing -> {
            if (!missing.isEmpty()) {
                throw new Invalid("mutedArticles", "unknown articles " + missing);
            }
        }).replaceWithVoid();
    }
}
