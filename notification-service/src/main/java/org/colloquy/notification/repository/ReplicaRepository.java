package org.colloquy.notification.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.colloquy.persistence.NativeSql;

/**
 * Articles as article.events describe them, and what the replicas know of a comment's parties. Users, follows and
 * revoked token versions are the shared author replica's ({@code org.colloquy.authors.AuthorReplica}).
 */
@ApplicationScoped
public class ReplicaRepository {

    /**
     * What the replicas know of a comment: whether they have its author and its article, and the ids of the users it
     * mentions (by username, case-insensitively). One statement, whatever the number of mentions.
     */
    public Uni<CommentParties> commentParties(UUID authorId, UUID articleId, List<String> mentions) {
        StringBuilder sql = new StringBuilder("""
                select 'author', cast(user_id as text) from author where user_id = ?1
                union all select 'article', cast(article_id as text) from article_replica where article_id = ?2""");
        List<Object> parameters = new ArrayList<>(List.of(authorId, articleId));
        if (!mentions.isEmpty()) {
            sql.append(" union all select 'mention', cast(u.user_id as text) from (values ");
            for (String username : mentions) {
                parameters.add(username);
                sql.append(parameters.size() > 3 ? ", " : "").append("(?").append(parameters.size()).append(')');
            }
            sql.append(") m(username) left join author u on lower(u.username) = lower(m.username)");
        }
        return NativeSql.list(sql.toString(), parameters.toArray()).map(rows -> {
            boolean author = false;
            boolean article = false;
            List<UUID> mentioned = new ArrayList<>();
            int unknown = 0;
            for (Object row : rows) {
                Object[] columns = (Object[]) row;
                switch ((String) columns[0]) {
                    case "author" -> author = true;
                    case "article" -> article = true;
                    default -> {
                        if (columns[1] == null) {
                            unknown++;
                        } else {
                            mentioned.add(UUID.fromString(columns[1].toString()));
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
        return NativeSql.execute("""
                insert into article_replica (article_id, slug, title, author_id) values (?1, ?2, ?3, ?4)
                on conflict (article_id) do update set slug = excluded.slug, title = excluded.title""",
                id, slug, title, authorId);
    }

    public Uni<Void> articleChanged(UUID id, String slug, String title) {
        return NativeSql.execute("update article_replica set slug = ?2, title = ?3 where article_id = ?1", id, slug,
                title);
    }

    public Uni<UUID> articleIdOf(String slug) {
        return NativeSql.list("select cast(article_id as text) from article_replica where slug = ?1", slug)
                .map(rows -> rows.isEmpty() ? null : UUID.fromString(rows.get(0).toString()));
    }
}
