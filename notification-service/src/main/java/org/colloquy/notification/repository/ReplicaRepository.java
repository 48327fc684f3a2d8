package org.colloquy.notification.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.colloquy.persistence.Sql;

/**
 * Articles as article.events describe them, and what the replicas know of a comment's parties. Users, follows and
 * revoked token versions are the shared author replica's ({@code org.colloquy.authors.AuthorReplica}).
 */
@ApplicationScoped
public class ReplicaRepository {

    private final Sql sql;

    public ReplicaRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * What the replicas know of a comment: whether they have its author and its article, and the ids of the users it
     * mentions (by username, case-insensitively). One statement, whatever the number of mentions.
     */
    public Uni<CommentParties> commentParties(UUID authorId, UUID articleId, List<String> mentions) {
        StringBuilder query = new StringBuilder("""
                select 'author', cast(user_id as text) from author where user_id = $1
                union all select 'article', cast(article_id as text) from article_replica where article_id = $2""");
        List<Object> parameters = new ArrayList<>(List.of(authorId, articleId));
        if (!mentions.isEmpty()) {
            query.append(" union all select 'mention', cast(u.user_id as text) from (values ");
            for (String username : mentions) {
                parameters.add(username);
                query.append(parameters.size() > 3 ? ", " : "").append("($").append(parameters.size()).append(')');
            }
            query.append(") m(username) left join author u on lower(u.username) = lower(m.username)");
        }
        return sql.query(query.toString(), parameters.toArray()).map(rows -> {
            boolean author = false;
            boolean article = false;
            List<UUID> mentioned = new ArrayList<>();
            int unknown = 0;
            for (Row row : rows) {
                switch (row.getString(0)) {
                    case "author" -> author = true;
                    case "article" -> article = true;
                    default -> {
                        if (row.getString(1) == null) {
                            unknown++;
                        } else {
                            mentioned.add(UUID.fromString(row.getString(1)));
                        }
                    }
                }
            }
            return new CommentParties(author, article, mentioned, unknown);
        });
    }

    /**
     * A comment's parties as the replicas know them; {@code unknownMentions} counts mentioned names without a user
     * (a name that is no user, or one whose registration has not been consumed yet).
     */
    public record CommentParties(boolean authorKnown, boolean articleKnown, List<UUID> mentioned,
            int unknownMentions) {

        /** Whether every party of the comment is in the replicas. */
        public boolean complete() {
            return authorKnown && articleKnown && unknownMentions == 0;
        }
    }

    public Uni<Void> article(UUID id, String slug, String title, UUID authorId) {
        return sql.execute("""
                insert into article_replica (article_id, slug, title, author_id) values ($1, $2, $3, $4)
                on conflict (article_id) do update set slug = excluded.slug, title = excluded.title""",
                id, slug, title, authorId);
    }

    public Uni<Void> articleChanged(UUID id, String slug, String title) {
        return sql.execute("update article_replica set slug = $2, title = $3 where article_id = $1", id, slug,
                title);
    }

    public Uni<UUID> articleIdOf(String slug) {
        return sql.first("select article_id from article_replica where slug = $1", row -> row.getUUID("article_id"),
                slug);
    }
}
