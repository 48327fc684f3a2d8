-- The author replica of article-, comment- and notification-service (module author-replica), kept from user.events.
-- A repeatable migration shipped in the module's jar, like the messaging library's: every statement stays
-- idempotent and changes are additive. The services created these tables in their own migrations before the module
-- existed; from now on this file is where their shape changes.

-- Every user a service has heard of: registered (from UserRegistered) or provisional (known only from a writer's
-- token until the registration is consumed; registered_at is then null).
create table if not exists author (
    user_id  uuid primary key,
    username text not null,
    bio      text,
    image    text
);
-- notification-service's replica had no bio before it moved here (its V5).
alter table author add column if not exists bio text;
-- When the account was registered (comment-service: the account age that lets a user's reports count).
alter table author add column if not exists registered_at timestamptz;
-- Profiles by name (/profiles/{username}, ?author=, ?favorited=) ignore case.
create index if not exists author_username on author (lower(username));

-- Who follows whom: the feed (article-service) and "following" on every profile and author shown.
create table if not exists author_follow (
    follower_id uuid not null,
    followee_id uuid not null,
    primary key (follower_id, followee_id)
);
create index if not exists author_follow_followee on author_follow (followee_id);
