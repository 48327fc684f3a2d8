-- Replicas fed by events: articles (article.events), authors and follows (user.events).
create table article_replica (
    article_id uuid primary key,
    slug       text not null,
    author_id  uuid not null,
    published  boolean not null
);
-- Every slug an article had, so that comments follow slug changes and old links keep working.
create table article_replica_slug (
    slug       text primary key,
    article_id uuid not null
);
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

-- Comments. status: visible | pending (held for review) | rejected | deleted (kept while replies need the thread).
create table comment (
    id          bigserial primary key,
    article_id  uuid        not null,
    parent_id   bigint references comment (id),
    author_id   uuid        not null,
    body        text        not null,
    status      text        not null check (status in ('visible', 'pending', 'rejected', 'deleted')),
    held_rule   text,
    reject_reason text,
    flag_count  integer     not null default 0,
    -- set once CommentPosted was announced: counts and notifications know the comment from then on
    posted_at   timestamptz,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index comment_article on comment (article_id, id);
create index comment_parent on comment (parent_id) where parent_id is not null;
create index comment_queue on comment (status, id) where status in ('pending', 'rejected');
create index comment_flagged on comment (id) where flag_count > 0 and status <> 'deleted';
create index comment_author_recent on comment (author_id, created_at desc);

create table comment_flag (
    comment_id  bigint      not null references comment (id),
    reporter_id uuid        not null,
    reason      text        not null,
    note        text,
    created_at  timestamptz not null,
    primary key (comment_id, reporter_id)
);

-- The site's moderation settings: one row.
create table moderation_settings (
    id                    integer primary key check (id = 1),
    mode                  text    not null check (mode in ('off', 'first-comment', 'all')),
    banned_words          text    not null,
    suspect_words         text    not null,
    max_links             integer not null,
    comments_per_minute   integer not null,
    flags_to_hold         integer not null,
    edit_window_seconds   integer not null
);
insert into moderation_settings values (1, 'off', '[]', '[]', 3, 5, 3, 900);

create table ban (
    user_id      uuid primary key,
    until        timestamptz,
    reason       text,
    moderator_id uuid        not null,
    created_at   timestamptz not null
);
