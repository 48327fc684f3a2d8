package org.colloquy.comment.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.colloquy.comment.domain.ModerationSettings;
import org.colloquy.persistence.NativeSql;

/** Settings, bans and reports. */
@ApplicationScoped
public class ModerationRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Ban(Instant until) {
        public boolean activeAt(Instant now) {
            return until == null || until.isAfter(now);
        }
    }

    /** What a new comment is checked against first: the settings, the writer's ban and recent comments. */
    public record PostingContext(ModerationSettings settings, Ban ban, long writtenSince) {
    }

    private static final String SETTINGS = "s.mode, s.banned_words, s.suspect_words, s.max_links, "
            + "s.comments_per_minute, s.flags_to_hold, s.edit_window_seconds";

    public Uni<ModerationSettings> settings() {
        return NativeSql.list("select " + SETTINGS + " from moderation_settings s where s.id = 1")
                .map(rows -> settings((Object[]) rows.get(0)));
    }

    /**
     * {@link #settings()}, {@link #ban} and the writer's comments created after {@code since} in one round trip: a
     * post needs all three before it writes anything.
     */
    public Uni<PostingContext> postingContext(UUID authorId, Instant since) {
        return NativeSql.list("select " + SETTINGS + ", b.user_id is not null, b.until, "
                + "(select count(*) from comment c where c.author_id = ?1 and c.created_at > ?2) "
                + "from moderation_settings s left join ban b on b.user_id = ?1 where s.id = 1",
                authorId, since.atOffset(ZoneOffset.UTC)).map(rows -> {
                    Object[] row = (Object[]) rows.get(0);
                    Ban ban = Boolean.TRUE.equals(row[7]) ? new Ban(row[8] == null ? null : toInstant(row[8])) : null;
                    return new PostingContext(settings(row), ban, ((Number) row[9]).longValue());
                });
    }

    private static ModerationSettings settings(Object[] row) {
        return new ModerationSettings(row[0].toString(), words(row[1]), words(row[2]), ((Number) row[3]).intValue(),
                ((Number) row[4]).intValue(), ((Number) row[5]).intValue(), ((Number) row[6]).intValue());
    }

    public Uni<Void> save(ModerationSettings settings) {
        return NativeSql.execute("""
                update moderation_settings set mode = ?1, banned_words = ?2, suspect_words = ?3, max_links = ?4,
                comments_per_minute = ?5, flags_to_hold = ?6, edit_window_seconds = ?7 where id = 1""",
                settings.mode(), json(settings.bannedWords()), json(settings.suspectWords()), settings.maxLinks(),
                settings.commentsPerMinute(), settings.flagsToHold(), settings.editWindowSeconds());
    }

    public Uni<Ban> ban(UUID userId) {
        return NativeSql.list("select until from ban where user_id = ?1", userId).map(rows -> rows.isEmpty() ? null
                : new Ban(rows.get(0) == null ? null : toInstant(rows.get(0))));
    }

    public Uni<Void> saveBan(UUID userId, Instant until, String reason, UUID moderatorId) {
        return NativeSql.execute("""
                insert into ban (user_id, until, reason, moderator_id, created_at) values (?1, ?2, ?3, ?4, ?5)
                on conflict (user_id) do update set until = excluded.until, reason = excluded.reason,
                moderator_id = excluded.moderator_id, created_at = excluded.created_at""",
                userId, until == null ? null : until.atOffset(ZoneOffset.UTC), reason, moderatorId,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Returns false when this reader has reported the comment before. */
    public Uni<Boolean> addFlag(long commentId, UUID reporterId, String reason, String note) {
        return NativeSql.update("insert into comment_flag values (?1, ?2, ?3, ?4, ?5) on conflict do nothing",
                commentId, reporterId, reason, note, OffsetDateTime.now(ZoneOffset.UTC)).map(inserted -> inserted > 0);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        return ((java.time.LocalDateTime) value).toInstant(ZoneOffset.UTC);
    }

    private static List<String> words(Object json) {
        try {
            return JSON.readValue(json.toString(), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(List<String> words) {
        try {
            return JSON.writeValueAsString(words);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
