-- Tokens carry the version as their "ver" claim; raising it (password or role change) ends older sessions.
alter table app_user add column token_version integer not null default 0;

-- The counters now also throttle registrations ("registration:<ip>"), not only log-ins.
alter table login_throttle rename to attempt_counter;
alter table attempt_counter rename column failures to attempts;
alter table attempt_counter rename constraint login_throttle_pkey to attempt_counter_pkey;
