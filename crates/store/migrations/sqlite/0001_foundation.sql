-- Foundation: server metadata, developers, tenants, accounts, users, departments, apps, tokens,
-- the outbox and idempotency records. Booleans are 0/1 integers, times are Unix milliseconds,
-- JSON is text. No foreign keys: use-cases delete explicitly, and purges stay resumable.

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE developers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE tenants (
    id INTEGER PRIMARY KEY,
    tenant_key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    mail_domain TEXT NOT NULL,
    status TEXT NOT NULL,
    creator_user_id INTEGER,
    dissolve_at INTEGER,
    created_at INTEGER NOT NULL
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    mobile TEXT,
    password_hash TEXT,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    deleted_at INTEGER
);
CREATE INDEX accounts_email ON accounts (email) WHERE status = 'active';
CREATE INDEX accounts_mobile ON accounts (mobile) WHERE status = 'active';

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    en_name TEXT NOT NULL,
    nickname TEXT NOT NULL,
    email TEXT,
    mobile TEXT,
    mobile_visible INTEGER NOT NULL,
    gender INTEGER NOT NULL,
    avatar_key TEXT,
    leader_id INTEGER,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    work_station TEXT NOT NULL,
    join_time INTEGER NOT NULL,
    is_tenant_manager INTEGER NOT NULL,
    employee_no TEXT NOT NULL,
    employee_type INTEGER NOT NULL,
    enterprise_email TEXT,
    job_title TEXT NOT NULL,
    custom_attrs TEXT,
    is_frozen INTEGER NOT NULL,
    is_resigned INTEGER NOT NULL,
    is_activated INTEGER NOT NULL,
    is_exited INTEGER NOT NULL,
    is_unjoin INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    resigned_at INTEGER
);
-- user_id, mobile and email are unique among users who have not resigned; a resigned user's may
-- be taken meanwhile (resurrect then fails with 44030-44032).
CREATE UNIQUE INDEX users_user_id ON users (tenant_id, user_id) WHERE is_resigned = 0;
CREATE INDEX users_user_id_any ON users (tenant_id, user_id);
CREATE UNIQUE INDEX users_mobile ON users (tenant_id, mobile) WHERE is_resigned = 0 AND mobile IS NOT NULL;
CREATE UNIQUE INDEX users_email ON users (tenant_id, email) WHERE is_resigned = 0 AND email IS NOT NULL;
CREATE INDEX users_account ON users (account_id);

CREATE TABLE user_departments (
    user_id INTEGER NOT NULL,
    department_id INTEGER NOT NULL,
    tenant_id INTEGER NOT NULL,
    user_order INTEGER NOT NULL,
    department_order INTEGER NOT NULL,
    is_primary INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (user_id, department_id)
);
CREATE INDEX user_departments_dept ON user_departments (department_id, user_id);

CREATE TABLE departments (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    department_id TEXT NOT NULL,
    parent_id INTEGER,
    name TEXT NOT NULL,
    i18n_zh_cn TEXT,
    i18n_ja_jp TEXT,
    i18n_en_us TEXT,
    leader_id INTEGER,
    leaders TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    chat_id INTEGER,
    unit_ids TEXT NOT NULL,
    group_chat_employee_types TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX departments_custom_id ON departments (tenant_id, department_id) WHERE deleted = 0;
CREATE INDEX departments_parent ON departments (tenant_id, parent_id, id);

CREATE TABLE apps (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    developer_id INTEGER NOT NULL,
    app_id TEXT NOT NULL UNIQUE,
    app_secret TEXT NOT NULL,
    name TEXT NOT NULL,
    bot_enabled INTEGER NOT NULL,
    enabled INTEGER NOT NULL,
    verification_token TEXT NOT NULL,
    encrypt_key TEXT NOT NULL,
    event_url TEXT,
    event_types TEXT NOT NULL,
    scope_all INTEGER NOT NULL,
    scope_departments TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX apps_tenant ON apps (tenant_id);

CREATE TABLE access_tokens (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    app_id INTEGER NOT NULL,
    tenant_id INTEGER NOT NULL,
    user_id INTEGER,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked INTEGER NOT NULL
);
CREATE INDEX access_tokens_latest ON access_tokens (app_id, tenant_id, kind, created_at);
CREATE INDEX access_tokens_user ON access_tokens (user_id);
CREATE INDEX access_tokens_tenant ON access_tokens (tenant_id);

CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE idempotency (
    tenant_id INTEGER NOT NULL,
    app_id INTEGER NOT NULL,
    operation TEXT NOT NULL,
    client_token TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    result_ref TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, app_id, operation, client_token)
);
