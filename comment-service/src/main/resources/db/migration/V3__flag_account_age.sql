-- When each account was registered (UserRegistered.registeredAt): reports from accounts younger than
-- colloquy.comments.flags.min-account-age are recorded but do not hold a comment.
alter table author add column registered_at timestamptz;
-- Authors known before this column existed: their registration time was not kept. Counting them as registered now
-- lets their reports count once the minimum age has passed, never sooner than a new account's.
update author set registered_at = now();

-- The reports since the last approval that count toward flagsToHold; flag_count keeps counting every report.
alter table comment add column counted_flags integer not null default 0;
update comment set counted_flags = flag_count;
