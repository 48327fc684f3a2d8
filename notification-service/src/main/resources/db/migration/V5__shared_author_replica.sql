-- The user replica becomes the shared author replica of module author-replica (R__colloquy_author_replica.sql, run
-- after this): user_replica is its author table, follower its author_follow table, with the same rows. The
-- repeatable migration then adds what they lack (bio, registered_at, the followee index).
alter table user_replica rename to author;
alter index user_replica_username rename to author_username;
alter table author rename constraint user_replica_pkey to author_pkey;

alter table follower rename to author_follow;
alter table author_follow drop constraint follower_pkey;
alter table author_follow add constraint author_follow_pkey primary key (follower_id, followee_id);
