-- Event delivery: the dispatcher's cursor over the outbox, one delivery per (event, receiving
-- app) with its stable event_id and its latest attempt inline (the happy path writes no attempt
-- row), earlier attempts in event_attempts, and each app's verified endpoint.

CREATE TABLE event_dispatch (
    id INTEGER PRIMARY KEY,
    through_seq INTEGER NOT NULL
);

CREATE TABLE event_deliveries (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    app_id INTEGER NOT NULL,
    tenant_id INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER,
    last_result TEXT,
    last_attempt_at INTEGER,
    last_channel TEXT,
    last_ok INTEGER,
    last_status_code INTEGER,
    last_duration_ms INTEGER,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX event_deliveries_event_app ON event_deliveries (seq, app_id);
CREATE INDEX event_deliveries_app_due ON event_deliveries (app_id, next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX event_deliveries_app ON event_deliveries (app_id, id);

CREATE TABLE event_attempts (
    delivery_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    ok INTEGER NOT NULL,
    status_code INTEGER,
    result TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, number)
);

CREATE TABLE event_endpoints (
    app_id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    challenge TEXT NOT NULL,
    verified_at INTEGER,
    last_error TEXT,
    updated_at INTEGER NOT NULL
);
