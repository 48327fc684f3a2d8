-- Test data: an account named in colloquy.users.initial-admins that exists before the service starts, as an
-- operator's would, so that the start-up grant makes it admin. Its password is Users.PASSWORD.
insert into app_user (id, username, email, password_hash, roles, created_at, updated_at)
values ('00000000-0000-4000-8000-00000000ad01', 'chief-admin', 'chief-admin@example.org',
        '$argon2id$v=19$m=4096,t=1,p=1$XYJv+P1wza7g7OzWx8f80NaEC3ys+A+WshtRlMehODgtDZKVK5mtMGwFfZ1xk4+fTDzE/+4MOQSpDGAydNSIFw$Z5dDeESPEFiIAao7MizT1zkWQc4yxdWiQ4+DxKnYJoU',
        'user', now(), now());
