-- The update trigger of V2 ran for every update of an article, with transition tables and two counts, although only
-- a change of status can change the published count: every comment posted or deleted and every favorite updates
-- the article's counters (0.22 ms per comments_count update, pg_stat_statements, benchmark of 2026-12-02). A row
-- trigger that fires only when the status changes does the same for the updates that matter and nothing for the
-- others. (A statement trigger with transition tables cannot name columns, so the row trigger it is.)
drop trigger published_article_count_update on article;

create function count_published_article_status_change() returns trigger language plpgsql as $$
declare
    -- chosen once (as in V2): random() in the where clause would be drawn again for every row it looks at
    chosen smallint := floor(random() * 16);
begin
    update published_article_count
    set articles = articles + case when new.status = 'published' then 1 else -1 end
    where slot = chosen;
    return null;
end
$$;

create trigger published_article_count_status after update of status on article
    for each row when ((old.status = 'published') <> (new.status = 'published'))
    execute function count_published_article_status_change();
