-- The account lifecycle (PostgreSQL twin of sqlite/0007, issue 5): personal workspaces, departures (members who left or were
-- offboarded, kept until they are restored or purged), the chats each departure left and how,
-- tombstones of purged users, and organization dissolutions. Times are Unix milliseconds.
-- Purges delete in batches, each batch one transaction, so a purge cut short resumes where it
-- stopped; the indexes at the end let those batches find a tenant's rows without a scan.

CREATE TABLE personal_workspaces (
    tenant_id BIGINT PRIMARY KEY,
    account_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX personal_workspaces_account ON personal_workspaces (account_id);

-- kind: 'exit' (left by themselves) or 'offboard' (deleted by an admin);
-- state: 'handing_over' (chats still being handed over), 'departed', 'restoring' (rejoining chats).
CREATE TABLE departures (
    user_id BIGINT PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    departed_at BIGINT NOT NULL,
    resign_at BIGINT,
    purge_at BIGINT NOT NULL,
    operator TEXT NOT NULL,
    acceptors TEXT NOT NULL,
    departments TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX departures_tenant ON departures (tenant_id, user_id);
CREATE INDEX departures_busy ON departures (state, user_id) WHERE state <> 'departed';
CREATE INDEX departures_purge ON departures (purge_at, user_id) WHERE state = 'departed';
CREATE INDEX departures_resign ON departures (resign_at, user_id) WHERE resign_at IS NOT NULL;

-- outcome: 'left' (rejoined on restore), 'transferred' (ownership handed over), 'dissolved'.
CREATE TABLE departure_chats (
    user_id BIGINT NOT NULL,
    chat_id BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    new_owner_id BIGINT,
    was_manager BIGINT NOT NULL,
    PRIMARY KEY (user_id, chat_id)
);

CREATE TABLE purged_users (
    user_id BIGINT PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    custom_user_id TEXT NOT NULL,
    departed_at BIGINT NOT NULL,
    purged_at BIGINT NOT NULL
);
CREATE INDEX purged_users_custom ON purged_users (tenant_id, custom_user_id);

-- state: 'scheduled', 'cancelled', 'purging', 'done'; step: the purge's current step.
CREATE TABLE dissolutions (
    tenant_id BIGINT PRIMARY KEY,
    requested_by BIGINT NOT NULL,
    requested_at BIGINT NOT NULL,
    effective_at BIGINT NOT NULL,
    state TEXT NOT NULL,
    step TEXT NOT NULL,
    cancelled_by BIGINT,
    cancelled_at BIGINT,
    completed_at BIGINT
);
CREATE INDEX dissolutions_open ON dissolutions (effective_at, tenant_id) WHERE state IN ('scheduled', 'purging');

CREATE INDEX meeting_reserves_tenant ON meeting_reserves (tenant_id, id);
CREATE INDEX meetings_tenant ON meetings (tenant_id, status, id);
CREATE INDEX chats_tenant ON chats (tenant_id, id);
CREATE INDEX chat_join_requests_user ON chat_join_requests (user_id);
CREATE INDEX chat_links_chat ON chat_links (chat_id);
CREATE INDEX users_tenant ON users (tenant_id, id);
