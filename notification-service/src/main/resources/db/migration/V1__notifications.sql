-- Replicas fed by events: who follows whom (fan-out of new articles), users (actor names, @mentions), articles
-- (titles, authors) and comment authors (reply recipients are in the event itself).
create table follower (
    followee_id uuid not null,
    follower_id uuid not null,
    primary key (followee_id, follower_id)
);
create table user_replica (
    user_id  uuid primary key,
    username text not null,
    image    text
);
create index user_replica_username on user_replica (lower(username));
create table article_replica (
    article_id uuid primary key,
    slug       text not null,
    title      text not null,
    author_id  uuid not null
);
create index article_replica_slug on article_replica (slug);

-- The inbox of each user. One notification per (event, recipient), whatever redelivers the event.
create table notification (
    id              bigserial primary key,
    recipient_id    uuid        not null,
    type            text        not null check (type in ('comment', 'reply', 'mention', 'article', 'follower',
                                                         'moderation')),
    event_id        text        not null,
    actor_id        uuid,
    actor_username  text,
    actor_image     text,
    article_id      uuid,
    article_slug    text,
    article_title   text,
    comment_id      bigint,
    comment_excerpt text,
    detail          text,
    created_at      timestamptz not null,
    read_at         timestamptz,
    unique (event_id, recipient_id)
);
create index notification_recipient on notification (recipient_id, id desc);
create index notification_unread on notification (recipient_id, id desc) where read_at is null;
create index notification_comment on notification (comment_id) where comment_id is not null;
create index notification_read_at on notification (read_at) where read_at is not null;

-- Preferences: types a user turned off, and muted articles.
create table preference (
    user_id        uuid primary key,
    disabled_types text not null default ''
);
create table muted_article (
    user_id    uuid not null,
    article_id uuid not null,
    primary key (user_id, article_id)
);
