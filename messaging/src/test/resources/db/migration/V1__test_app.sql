create table note (id uuid primary key, text text not null);
create table seen_article (event_id text primary key, article_id text not null, title text not null);
