-- A user hears of a given follower once (follow, unfollow, follow again adds nothing): the look-up for an earlier
-- follower notification from the same actor.
create index notification_follower_actor on notification (recipient_id, actor_id) where type = 'follower';
