-- Tables of the Colloquy messaging library, in every service's database.
-- A repeatable migration shipped in the library jar, so that it never collides with a service's own versioned
-- migrations: every statement must stay idempotent, and changes are additive (add columns, never rename).

-- Events written in the same transaction as the state change they announce; deleted once Kafka acknowledged them.
create table if not exists outbox_event (
    id          uuid primary key,
    seq         bigint generated always as identity,
    topic       text        not null,
    msg_key     text        not null,
    type        text        not null,
    subject     text        not null,
    occurred_at timestamptz not null,
    payload     text        not null
);
-- A relay's short claim on rows it is publishing (no transaction stays open while Kafka is waited for).
alter table outbox_event add column if not exists claimed_until timestamptz;
-- The relay publishes in seq order and checks per key that no earlier row is still pending.
create unique index if not exists outbox_event_seq on outbox_event (seq);
create index if not exists outbox_event_key_seq on outbox_event (msg_key, seq);
-- W3C trace context of the transaction that wrote the row: the relay publishes later, on another context, and
-- passes it on as the record's traceparent/tracestate headers so that consumers continue the writer's trace.
alter table outbox_event add column if not exists traceparent text;
alter table outbox_event add column if not exists tracestate text;

-- One row per event a consumer has applied, written in the same transaction as the effect: a repeat is skipped.
create table if not exists processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
-- How many more times the event was delivered and skipped: redeliveries after a crash, republished outbox rows.
alter table processed_event add column if not exists duplicates integer not null default 0;
-- Rows older than colloquy.messaging.inbox.processed-retention are purged (ProcessedEventPurge) by this index.
create index if not exists processed_event_processed_at on processed_event (processed_at);

-- How far each consumer has got in each partition; read by catch-up waits, also from other replicas.
create table if not exists consumer_position (
    consumer    text        not null,
    topic       text        not null,
    partition   integer     not null,
    next_offset bigint      not null,
    updated_at  timestamptz not null default now(),
    primary key (consumer, topic, partition)
);

-- Outbox rows Kafka refused for good (record too large, invalid record, unserializable): moved here, in the
-- statement that deletes them from outbox_event, so that the relay goes on with the rows behind them. The full row
-- stays, with why Kafka refused it; an operator fixes and re-drives it (messaging/README.md, "Parked events").
create table if not exists outbox_parked (
    id            uuid primary key,
    seq           bigint      not null,
    topic         text        not null,
    msg_key       text        not null,
    type          text        not null,
    subject       text        not null,
    occurred_at   timestamptz not null,
    payload       text        not null,
    traceparent   text,
    tracestate    text,
    error_class   text        not null,
    error_message text,
    parked_at     timestamptz not null default now()
);
