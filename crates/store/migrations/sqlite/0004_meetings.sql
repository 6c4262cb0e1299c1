-- Tables of meetings (issue 4): reserves, the meetings held under them, participants and busy
-- marks. Reserve and meeting ids are chosen by the domain (random 19-digit numbers). Times are
-- Unix milliseconds, except meeting_reserves.end_time (Unix seconds, as Lark speaks it).

CREATE TABLE meeting_reserves (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    app_id INTEGER NOT NULL,
    owner_user_id INTEGER NOT NULL,
    meeting_no TEXT NOT NULL UNIQUE,
    end_time INTEGER NOT NULL,
    settings TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    deleted INTEGER NOT NULL
);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    reserve_id INTEGER NOT NULL,
    status INTEGER NOT NULL,
    host_user_id INTEGER,
    locked INTEGER NOT NULL,
    participant_cap INTEGER NOT NULL,
    peak_count INTEGER NOT NULL,
    start_time INTEGER NOT NULL,
    end_time INTEGER
);
-- A reserve has at most one meeting in progress.
CREATE UNIQUE INDEX meetings_in_progress ON meetings (reserve_id) WHERE status = 2;
CREATE INDEX meetings_of_reserve ON meetings (reserve_id, start_time, id);

-- party: '1:<user id>' for Lark users, '<user_type>:<endpoint id>' for the other user types.
CREATE TABLE meeting_participants (
    meeting_id INTEGER NOT NULL,
    party TEXT NOT NULL,
    tenant_id INTEGER NOT NULL,
    user_type INTEGER NOT NULL,
    user_id INTEGER,
    endpoint_id TEXT,
    status INTEGER NOT NULL,
    first_join INTEGER,
    final_leave INTEGER,
    joined_at INTEGER,
    in_meeting_ms INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, party)
);
-- Who is in a meeting now, across meetings (busy callees, one meeting at a time).
CREATE INDEX meeting_participants_present ON meeting_participants (tenant_id, party) WHERE status = 2;
CREATE INDEX meeting_participants_status ON meeting_participants (meeting_id, status);

CREATE TABLE meeting_busy_users (
    tenant_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
