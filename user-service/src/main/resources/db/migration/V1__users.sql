-- Accounts. Usernames and e-mail addresses are unique regardless of case; the display form is kept as entered.
create table app_user (
    id            uuid primary key,
    username      text        not null,
    email         text        not null,
    password_hash text        not null,
    bio           text,
    image         text,
    roles         text        not null default 'user',
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create unique index app_user_username_unique on app_user (lower(username));
create unique index app_user_email_unique on app_user (lower(email));

-- The follow graph: follower follows followee.
create table follow (
    follower_id uuid        not null references app_user (id) on delete cascade,
    followee_id uuid        not null references app_user (id) on delete cascade,
    created_at  timestamptz not null,
    primary key (follower_id, followee_id)
);
create index follow_followee on follow (followee_id);

-- Failed log-ins per account ("account:<email>") and per client address ("address:<ip>"), in fixed windows.
create table login_throttle (
    throttle_key      text primary key,
    failures          integer     not null,
    window_started_at timestamptz not null
);
