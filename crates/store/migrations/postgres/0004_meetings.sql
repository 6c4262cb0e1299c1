-- Tables of meetings (issue 4; PostgreSQL twin of sqlite/0004): reserves, the meetings held under them, participants and busy
-- marks. Reserve and meeting ids are chosen by the domain (random 19-digit numbers). Times are
-- Unix milliseconds, except meeting_reserves.end_time (Unix seconds, as Lark speaks it).

CREATE TABLE meeting_reserves (
    id BIGINT PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    app_id BIGINT NOT NULL,
    owner_user_id BIGINT NOT NULL,
    meeting_no TEXT NOT NULL UNIQUE,
    end_time BIGINT NOT NULL,
    settings TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    deleted BIGINT NOT NULL
);

CREATE TABLE meetings (
    id BIGINT PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    reserve_id BIGINT NOT NULL,
    status BIGINT NOT NULL,
    host_user_id BIGINT,
    locked BIGINT NOT NULL,
    participant_cap BIGINT NOT NULL,
    peak_count BIGINT NOT NULL,
    start_time BIGINT NOT NULL,
    end_time BIGINT
);
-- A reserve has at most one meeting in progress.
CREATE UNIQUE INDEX meetings_in_progress ON meetings (reserve_id) WHERE status = 2;
CREATE INDEX meetings_of_reserve ON meetings (reserve_id, start_time, id);

-- party: '1:<user id>' for Lark users, '<user_type>:<endpoint id>' for the other user types.
CREATE TABLE meeting_participants (
    meeting_id BIGINT NOT NULL,
    party TEXT NOT NULL,
    tenant_id BIGINT NOT NULL,
    user_type BIGINT NOT NULL,
    user_id BIGINT,
    endpoint_id TEXT,
    status BIGINT NOT NULL,
    first_join BIGINT,
    final_leave BIGINT,
    joined_at BIGINT,
    in_meeting_ms BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, party)
);
-- Who is in a meeting now, across meetings (busy callees, one meeting at a time).
CREATE INDEX meeting_participants_present ON meeting_participants (tenant_id, party) WHERE status = 2;
CREATE INDEX meeting_participants_status ON meeting_participants (meeting_id, status);

CREATE TABLE meeting_busy_users (
    tenant_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
