-- The newest token version of each user whose sessions user-service revoked (UserSessionsRevoked on user.events).
-- api-support's TokenVersions holds it in memory and re-reads rows by changed_at, so checking a token costs no query.
create table token_version (
    user_id       uuid        primary key,
    token_version bigint      not null,
    changed_at    timestamptz not null
);
create index token_version_changed_at on token_version (changed_at);
