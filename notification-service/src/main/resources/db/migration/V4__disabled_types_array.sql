-- The notification types a user turned off, as an array: they were a comma-framed text (',reply,mention,') matched
-- with LIKE '%,type,%' in every notification insert.
alter table preference alter column disabled_types drop default;
alter table preference alter column disabled_types type text[]
    using array_remove(string_to_array(trim(both ',' from disabled_types), ','), '');
alter table preference alter column disabled_types set default '{}';
