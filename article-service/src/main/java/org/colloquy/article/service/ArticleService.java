package org.colloquy.article.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.colloquy.article.domain.Article;
import org.colloquy.article.domain.ArticleRules;
import org.colloquy.article.domain.ArticleStatus;
import org.colloquy.article.domain.Slugs;
import org.colloquy.article.repository.ArticleRepository;
import org.colloquy.authors.AuthorReplica;
import org.colloquy.domain.Invalid;
import org.colloquy.domain.NotAllowed;
import org.colloquy.domain.NotFound;
import org.colloquy.domain.Patch;
import org.colloquy.domain.Problems;
import org.colloquy.events.article.ArticleDeleted;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUnpublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.messaging.outbox.Outbox;
import org.colloquy.persistence.InTransaction;

/** The article commands: each one transaction that changes the article and appends its event. */
@ApplicationScoped
public class ArticleService {

    /** Who acts: id and username from the token. */
    public record Author(UUID id, String username) {
    }

    public record NewArticle(String title, String description, String body, List<String> tagList, String language,
            String status, Instant publishAt) {
    }

    /**
     * An author's changes: omitted fields stay as they are, and so do title, description, body and language given as
     * null; a tag list given as null is refused ({@code []} clears the tags).
     */
    public record ArticleChanges(Patch<String> title, Patch<String> description, Patch<String> body,
            Patch<List<String>> tagList, Patch<String> language) {

        public ArticleChanges {
            title = Patch.of(title);
            description = Patch.of(description);
            body = Patch.of(body);
            tagList = Patch.of(tagList);
            language = Patch.of(language);
        }
    }

    private final ArticleRepository articles;
    private final AuthorReplica authors;
    private final Outbox outbox;

    public ArticleService(ArticleRepository articles, AuthorReplica authors, Outbox outbox) {
        this.articles = articles;
        this.authors = authors;
        this.outbox = outbox;
    }

    @InTransaction
    public Uni<UUID> create(Author author, NewArticle request) {
        Instant now = Instant.now();
        Problems problems = new Problems().check("title", ArticleRules.title(request.title(), true))
                .check("description", ArticleRules.description(request.description(), true))
                .check("body", ArticleRules.body(request.body(), true))
                .check("tagList", ArticleRules.tags(request.tagList()))
                .check("language", ArticleRules.language(request.language()))
                .check("status", ArticleRules.status(request.status()))
                .check("publishAt", ArticleRules.publishAt(request.publishAt(), request.status(), now));
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(problems.invalid());
        }
        Article article = Article.write(author.id(), request.title().trim(), request.description().trim(),
                request.body(), ArticleRules.cleanTags(request.tagList() == null ? List.of() : request.tagList()),
                request.language(), ArticleStatus.DRAFT.value().equals(request.status()), request.publishAt(), now);
        return authors.provisional(author.id(), author.username())
                .chain(() -> freeSlug(Slugs.base(article.title)))
                .invoke(slug -> article.slug = slug)
                .chain(slug -> articles.insert(article).chain(() -> articles.claimSlug(slug, article.id)))
                .chain(() -> articles.addTags(article.id, article.tags()))
                .chain(() -> article.isPublished() ? announcePublished(article, author.username())
                        : Uni.createFrom().voidItem())
                .replaceWith(article.id);
    }

    @InTransaction
    public Uni<UUID> update(Author author, String slug, ArticleChanges changes) {
        if (changes.tagList().isCleared()) {
            return Uni.createFrom().failure(new Invalid("tagList", "must be a list; [] clears the tags"));
        }
        Problems problems = new Problems().check("title", ArticleRules.title(changes.title().value(), false))
                .check("description", ArticleRules.description(changes.description().value(), false))
                .check("body", ArticleRules.body(changes.body().value(), false))
                .check("tagList", ArticleRules.tags(changes.tagList().value()))
                .check("language", ArticleRules.language(changes.language().value()));
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(problems.invalid());
        }
        return ownArticle(author, slug).chain(article -> {
            String previousSlug = article.slug;
            Optional<String> newSlugBase = article.revise(changes.title().value(), changes.description().value(),
                    changes.body().value(), changes.language().value(), changes.tagList().value(), Instant.now());
            Uni<Void> slugChange = newSlugBase.map(base -> freeSlug(base).invoke(fresh -> article.slug = fresh)
                    .chain(fresh -> articles.claimSlug(fresh, article.id))).orElse(Uni.createFrom().voidItem());
            Uni<Void> tagChange = changes.tagList().isGiven() ? articles.replaceTags(article.id, article.tags())
                    : Uni.createFrom().voidItem();
            return slugChange.chain(() -> tagChange)
                    .chain(() -> articles.update(article))
                    .chain(() -> article.isPublished()
                            ? outbox.append(new ArticleUpdated(article.id.toString(), article.slug,
                                    previousSlug.equals(article.slug) ? null : previousSlug, article.title,
                                    article.description, article.tags(), article.language, article.updatedAt))
                                    .replaceWithVoid()
                            : Uni.createFrom().voidItem())
                    .replaceWith(article.id);
        });
    }

    @InTransaction
    public Uni<UUID> publish(Author author, String slug) {
        return ownArticle(author, slug).chain(article -> article.publish(Instant.now())
                ? articles.update(article).chain(() -> announcePublished(article, author.username()))
                        .replaceWith(article.id)
                : Uni.createFrom().item(article.id));
    }

    @InTransaction
    public Uni<UUID> unpublish(Author author, String slug) {
        return ownArticle(author, slug).chain(article -> article.unpublish(Instant.now())
                ? articles.update(article).chain(() -> outbox.append(
                        new ArticleUnpublished(article.id.toString(), article.slug, article.updatedAt)))
                        .replaceWith(article.id)
                : Uni.createFrom().item(article.id));
    }

    @InTransaction
    public Uni<Void> delete(Author author, String slug) {
        return ownArticle(author, slug).chain(article -> {
            boolean wasPublic = article.isPublished();
            return articles.delete(article.id).chain(() -> wasPublic
                    ? outbox.append(new ArticleDeleted(article.id.toString(), article.slug, Instant.now()))
                            .replaceWithVoid()
                    : Uni.createFrom().voidItem());
        });
    }

    /** Favorites are for public articles; repeating one changes nothing. */
    @InTransaction
    public Uni<UUID> favorite(UUID userId, String slug, boolean favorite) {
        return articles.idForSlug(slug).onItem().ifNull().failWith(() -> new NotFound("article"))
                .chain(articles::lock)
                .chain(article -> {
                    if (article == null || !article.isPublished()) {
                        return Uni.createFrom().failure(new NotFound("article"));
                    }
                    return (favorite ? articles.addFavorite(userId, article.id)
                            : articles.removeFavorite(userId, article.id)).replaceWith(article.id);
                });
    }

    /** Publishes the scheduled articles whose time has come; returns how many. */
    @InTransaction
    public Uni<Integer> publishDue(int max) {
        Instant now = Instant.now();
        return articles.dueForPublication(now, max).call(due -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (Article article : due) {
                article.publish(now);
                all = all.chain(() -> articles.update(article))
                        .chain(() -> authors.username(article.authorId))
                        .chain(username -> announcePublished(article,
                                username != null ? username : article.authorId.toString()));
            }
            return all;
        }).invoke(due -> due.forEach(a -> Log.infof("Published scheduled article %s (articleId %s)", a.slug, a.id)))
                .map(List::size);
    }

    private Uni<Void> announcePublished(Article article, String authorUsername) {
        return outbox.append(new ArticlePublished(article.id.toString(), article.slug, article.title,
                article.description, article.authorId.toString(), authorUsername, article.tags(), article.language,
                article.publishedAt)).replaceWithVoid();
    }

    /** The article behind a current or old slug, locked; 404 if there is none, 403 if the caller is not its author. */
    private Uni<Article> ownArticle(Author author, String slug) {
        return articles.idForSlug(slug).onItem().ifNull().failWith(() -> new NotFound("article"))
                .chain(articles::lock)
                .onItem().ifNull().failWith(() -> new NotFound("article"))
                .invoke(article -> {
                    if (!article.authorId.equals(author.id())) {
                        throw article.isPublished() ? new NotAllowed("article")
                                : new NotFound("article");
                    }
                });
    }

    private Uni<String> freeSlug(String base) {
        return articles.slugsLike(base).map(taken -> Slugs.firstFree(base, taken));
    }
}
