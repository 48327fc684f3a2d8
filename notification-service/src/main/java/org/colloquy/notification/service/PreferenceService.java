package org.colloquy.notification.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.colloquy.domain.Invalid;
import org.colloquy.domain.Problems;
import org.colloquy.notification.domain.NotificationType;
import org.colloquy.notification.repository.PreferenceRepository;
import org.colloquy.notification.repository.ReplicaRepository;
import org.colloquy.persistence.InTransaction;

/** Which notification types a user wants, and which articles they muted (by slug). */
@ApplicationScoped
public class PreferenceService {

    public static final int MUTED_MAX = 1000;

    public record Preferences(Map<String, Boolean> types, List<String> mutedArticles) {
    }

    private final PreferenceRepository preferences;
    private final ReplicaRepository replicas;

    public PreferenceService(PreferenceRepository preferences, ReplicaRepository replicas) {
        this.preferences = preferences;
        this.replicas = replicas;
    }

    public Uni<Preferences> of(UUID user) {
        return preferences.disabledTypes(user).chain(disabled -> {
            Map<String, Boolean> types = new LinkedHashMap<>();
            NotificationType.VALUES.forEach(type -> types.put(type, !disabled.contains(type)));
            return preferences.mutedSlugs(user).map(slugs -> new Preferences(types, slugs));
        });
    }

    /** Types left out stay as they were; the muted list replaces the old one. */
    @InTransaction
    public Uni<Preferences> save(UUID user, Preferences wanted) {
        Map<String, Boolean> types = wanted.types() == null ? Map.of() : wanted.types();
        List<String> unknown = types.keySet().stream().filter(type -> NotificationType.of(type).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            return Uni.createFrom().failure(new Invalid("types", "unknown types " + unknown
                    + "; known are " + NotificationType.VALUES));
        }
        Problems unset = new Problems();
        new TreeMap<>(types).forEach((type, on) -> {
            if (on == null) {
                unset.add("types." + type, "must be true or false");
            }
        });
        if (!unset.isEmpty()) {
            return Uni.createFrom().failure(unset.invalid());
        }
        List<String> muted = wanted.mutedArticles();
        if (muted != null && muted.stream().anyMatch(slug -> slug == null || slug.isBlank())) {
            return Uni.createFrom().failure(new Invalid("mutedArticles", "must be a list of slugs"));
        }
        if (muted != null && muted.size() > MUTED_MAX) {
            return Uni.createFrom().failure(new Invalid("mutedArticles", "at most " + MUTED_MAX));
        }
        return of(user).chain(current -> {
            Map<String, Boolean> merged = new LinkedHashMap<>(current.types());
            merged.putAll(types);
            List<String> disabled = merged.entrySet().stream().filter(type -> !type.getValue())
                    .map(Map.Entry::getKey).toList();
            Uni<Void> saved = preferences.saveDisabledTypes(user, disabled);
            if (muted != null) {
                saved = saved.chain(() -> preferences.unmuteAll(user)).chain(() -> mute(user, muted));
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
                return preferences.mute(user, article).replaceWith(missing);
            }));
        }
        return unknown.invoke(missing -> {
            if (!missing.isEmpty()) {
                throw new Invalid("mutedArticles", "unknown articles " + missing);
            }
        }).replaceWithVoid();
    }
}
