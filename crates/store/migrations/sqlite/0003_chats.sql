-- Group chats (issue 3): chats, their members (in join order), bots, join requests and share
-- links; each tenant's chat policy and the collaborations between tenants.

CREATE TABLE chats (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    avatar TEXT NOT NULL,
    i18n_zh_cn TEXT,
    i18n_ja_jp TEXT,
    i18n_en_us TEXT,
    owner_user_id INTEGER,
    owner_app_id INTEGER,
    creator_app_id INTEGER,
    chat_type TEXT NOT NULL,
    external INTEGER NOT NULL,
    options TEXT NOT NULL,
    status TEXT NOT NULL,
    user_count INTEGER NOT NULL,
    bot_count INTEGER NOT NULL,
    next_seq INTEGER NOT NULL,
    uuid TEXT,
    created_at INTEGER NOT NULL,
    active_at INTEGER NOT NULL,
    dissolved_at INTEGER
);
CREATE INDEX chats_uuid ON chats (tenant_id, uuid) WHERE uuid IS NOT NULL;
CREATE INDEX chats_public ON chats (tenant_id, chat_type, status, id);

-- Clustered by chat and join order: a member page is one contiguous range.
CREATE TABLE chat_members (
    chat_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    user_tenant_id INTEGER NOT NULL,
    is_manager INTEGER NOT NULL,
    is_moderator INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (chat_id, seq)
) WITHOUT ROWID;
-- One index serves "is this user in this chat" and "which chats is this user in".
CREATE UNIQUE INDEX chat_members_user ON chat_members (user_id, chat_id);
-- Managers and moderators are few; these keep a 50,000-member chat from being walked for them.
CREATE INDEX chat_members_managers ON chat_members (chat_id, seq) WHERE is_manager = 1;
CREATE INDEX chat_members_moderators ON chat_members (chat_id, seq) WHERE is_moderator = 1;

CREATE TABLE chat_bots (
    chat_id INTEGER NOT NULL,
    app_id INTEGER NOT NULL,
    is_manager INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (chat_id, app_id)
) WITHOUT ROWID;
CREATE INDEX chat_bots_of_app ON chat_bots (app_id, chat_id);

CREATE TABLE chat_join_requests (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    tenant_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    user_tenant_id INTEGER NOT NULL,
    via TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    decided_by TEXT,
    decided_at INTEGER
);
CREATE INDEX chat_join_requests_chat ON chat_join_requests (chat_id, status, id);
CREATE UNIQUE INDEX chat_join_requests_pending ON chat_join_requests (chat_id, user_id) WHERE status = 'pending';

CREATE TABLE chat_links (
    token TEXT PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    tenant_id INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER
);

CREATE TABLE chat_policies (
    tenant_id INTEGER PRIMARY KEY,
    policy TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE tenant_collaborations (
    low_tenant_id INTEGER NOT NULL,
    high_tenant_id INTEGER NOT NULL,
    low_approved INTEGER NOT NULL,
    high_approved INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    activated_at INTEGER,
    PRIMARY KEY (low_tenant_id, high_tenant_id)
);
CREATE INDEX tenant_collaborations_high ON tenant_collaborations (high_tenant_id);
