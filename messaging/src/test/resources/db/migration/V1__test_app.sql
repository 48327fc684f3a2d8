create table note (id uuid primary key, text text not null);
-- trace_id and mdc_event_id: what the handler saw of the inbox's span and log MDC.
create table seen_article (event_id text primary key, article_id text not null, title text not null,
                           trace_id text, mdc_event_id text);
