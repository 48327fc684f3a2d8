-- Replicas fed by user.events: authors (for the author object) and the follow graph (for feeds and flags).
create table author (
    user_id  uuid primary key,
    username text not null,
    bio      text,
    image    text
);
create index author_username on author (lower(username));

create table author_follow (
    follower_id uuid not null,
    followee_id uuid not null,
    primary key (follower_id, followee_id)
);
create index author_follow_followee on author_follow (followee_id);

-- Articles. tag_list keeps the author's order (a JSON array); article_tag serves the tag filter and /api/tags.
create table article (
    id              uuid primary key,
    slug            text        not null,
    title           text        not null,
    description     text        not null,
    body            text        not null,
    tag_list        text        not null default '[]',
    language        text,
    author_id       uuid        not null,
    status          text        not null check (status in ('draft', 'scheduled', 'published')),
    publish_at      timestamptz,
    published_at    timestamptz,
    favorites_count integer     not null default 0,
    comments_count  integer     not null default 0,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create unique index article_slug_unique on article (slug);
-- Newest first, for the global list, per author, and the feed.
create index article_published on article (published_at desc, id desc) where status = 'published';
create index article_author_published on article (author_id, published_at desc, id desc) where status = 'published';
-- The caller's drafts, and the scheduler's due articles.
create index article_author_unpublished on article (author_id, updated_at desc) where status <> 'published';
create index article_due on article (publish_at) where status = 'scheduled';

create table article_tag (
    article_id uuid not null references article (id) on delete cascade,
    tag        text not null,
    primary key (article_id, tag)
);
create index article_tag_tag on article_tag (tag, article_id);

-- Every slug an article ever had: old links keep resolving, and no slug is ever given to another article
-- (rows stay when the article is deleted).
create table article_slug (
    slug       text primary key,
    article_id uuid not null
);
create index article_slug_article on article_slug (article_id);

create table favorite (
    user_id    uuid        not null,
    article_id uuid        not null references article (id) on delete cascade,
    created_at timestamptz not null,
    primary key (user_id, article_id)
);
create index favorite_article on favorite (article_id);
