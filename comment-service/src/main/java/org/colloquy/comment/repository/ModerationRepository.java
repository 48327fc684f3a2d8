package org.colloquy.comment.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.colloquy.comment.domain.ModerationSettings;
import org.colloquy.persistence.Sql;

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

    private final Sql sql;

    public ModerationRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<ModerationSettings> settings() {
        return sql.first("select " + SETTINGS + " from moderation_settings s where s.id = 1",
                ModerationRepository::settings);
    }

    /**
     * {@link #settings()}, {@link #ban} and the writer's comments created after {@code since} in one round trip: a
     * post needs all three before it writes anything.
     */
    public Uni<PostingContext> postingContext(UUID authorId, Instant since) {
        return sql.first("select " + SETTINGS + ", b.user_id is not null as banned, b.until, "
                + "(select count(*) from comment c where c.author_id = $1 and c.created_at > $2) as written "
                + "from moderation_settings s left join ban b on b.user_id = $1 where s.id = 1",
                row -> new PostingContext(settings(row),
                        row.getBoolean("banned") ? new Ban(Sql.instant(row, "until")) : null, row.getLong("written")),
                authorId, since);
    }

    private static ModerationSettings settings(Row row) {
        return new ModerationSettings(row.getString("mode"), words(row.getString("banned_words")),
                words(row.getString("suspect_words")), row.getInteger("max_links"),
                row.getInteger("comments_per_minute"), row.getInteger("flags_to_hold"),
                row.getInteger("edit_window_seconds"));
    }

    public Uni<Void> save(ModerationSettings settings) {
        return sql.execute("""
                update moderation_settings set mode = $1, banned_words = $2, suspect_words = $3, max_links = $4,
                comments_per_minute = $5, flags_to_hold = $6, edit_window_seconds = $7 where id = 1""",
                settings.mode(), json(settings.bannedWords()), json(settings.suspectWords()), settings.maxLinks(),
                settings.commentsPerMinute(), settings.flagsToHold(), settings.editWindowSeconds());
    }

    public Uni<Ban> ban(UUID userId) {
        return sql.first("select until from ban where user_id = $1", row -> new Ban(Sql.instant(row, "until")),
                userId);
    }

    public Uni<Void> saveBan(UUID userId, Instant until, String reason, UUID moderatorId) {
        return sql.execute("""
                insert into ban (user_id, until, reason, moderator_id, created_at) values ($1, $2, $3, $4, $5)
                on conflict (user_id) do update set until = excluded.until, reason = excluded.reason,
                moderator_id = excluded.moderator_id, created_at = excluded.created_at""",
                userId, until, reason, moderatorId, Instant.now());
    }

    /** Returns false when this reader has reported the comment before. */
    public Uni<Boolean> addFlag(long commentId, UUID reporterId, String reason, String note) {
        return sql.update("insert into comment_flag (comment_id, reporter_id, reason, note, created_at) "
                + "values ($1, $2, $3, $4, $5) on conflict do nothing", commentId, reporterId, reason, note,
                Instant.now()).map(inserted -> inserted > 0);
    }


    private static List<String> words(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
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
