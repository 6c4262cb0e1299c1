//! SQL for the foundation repositories: meta, locks, tenants, accounts, apps, tokens, the outbox
//! and idempotency records.

use super::{Dialect, KEEP_ON_WIPE, Row, SqlTx, p, to_json};
use roster_domain::clock::Timestamp;
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{AccountId, AppId, DeptId, DeveloperId, EventSeq, TenantId, UserId};
use roster_domain::model::{
    AccessToken, Account, AccountStatus, App, ContactScope, NewAccount, NewApp, NewEvent, NewTenant, NewToken,
    StoredEvent, Tenant, TenantStatus, TokenKind,
};
use roster_domain::store::{
    AccountRepo, AppRepo, IdempotencyRecord, IdempotencyRepo, LockKey, Locks, MetaRepo, OutboxRepo, TenantRepo,
    TokenRepo,
};

fn bad(what: &str, v: &str) -> StoreError {
    StoreError::Other(format!("unknown {what} {v:?} in store"))
}

impl MetaRepo for SqlTx<'_> {
    fn meta_get(&mut self, key: &str) -> Result<Option<String>> {
        self.one("SELECT value FROM meta WHERE key = $1", p![key], |r| r.text(0))
    }

    fn meta_set(&mut self, key: &str, value: &str) -> Result<()> {
        self.exec(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            p![key, value],
        )?;
        Ok(())
    }

    fn wipe_all_data(&mut self) -> Result<()> {
        let list = self.pick(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
        );
        let tables: Vec<String> =
            self.all(list, p![], |r| r.text(0))?.into_iter().filter(|t| !KEEP_ON_WIPE.contains(&t.as_str())).collect();
        if tables.is_empty() {
            return Ok(());
        }
        let sql = match self.dialect() {
            Dialect::Sqlite => tables.iter().map(|t| format!("DELETE FROM \"{t}\";")).collect(),
            Dialect::Postgres => {
                let list: Vec<String> = tables.iter().map(|t| format!("\"{t}\"")).collect();
                format!("TRUNCATE {} RESTART IDENTITY", list.join(", "))
            }
        };
        Ok(self.conn.batch(&sql)?)
    }
}

impl Locks for SqlTx<'_> {
    fn lock(&mut self, key: LockKey) -> Result<()> {
        if self.dialect() == Dialect::Sqlite {
            return Ok(()); // one writer: every write transaction is already serialized
        }
        let (tag, id) = match key {
            LockKey::Tenant(t) => (1, t.0),
            LockKey::User(u) => (2, u.0),
            LockKey::Chat(c) => (3, c.0),
            LockKey::Meeting(m) => (4, m.0),
            LockKey::Other(area, id) => (area as i64, id),
        };
        let key = (tag << 48) ^ (id & 0x0000_FFFF_FFFF_FFFF);
        self.exec("SELECT pg_advisory_xact_lock($1)", p![key])?;
        Ok(())
    }
}

/// `SELECT <tenant columns> FROM tenants <tail>`
macro_rules! tenant_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, tenant_key, name, mail_domain, status, creator_user_id, dissolve_at, created_at FROM tenants ",
            $tail
        )
    };
}

fn tenant_row(r: Row<'_>) -> Result<Tenant, StoreError> {
    let status = r.text(4)?;
    Ok(Tenant {
        id: TenantId(r.i64(0)?),
        tenant_key: r.text(1)?,
        name: r.text(2)?,
        mail_domain: r.text(3)?,
        status: TenantStatus::parse(&status).ok_or_else(|| bad("tenant status", &status))?,
        creator: r.opt_i64(5)?.map(UserId),
        dissolve_at: r.opt_ts(6)?,
        created_at: r.ts(7)?,
    })
}

impl TenantRepo for SqlTx<'_> {
    fn insert_tenant(&mut self, t: &NewTenant) -> Result<TenantId> {
        self.insert_id(
            "INSERT INTO tenants (tenant_key, name, mail_domain, status, created_at) VALUES ($1, $2, $3, 'active', $4) RETURNING id",
            p![&t.tenant_key, &t.name, &t.mail_domain, t.created_at],
        )
        .map(TenantId)
    }

    fn tenant(&mut self, id: TenantId) -> Result<Option<Tenant>> {
        self.one(tenant_select!("WHERE id = $1"), p![id.0], tenant_row)
    }

    fn tenant_by_key(&mut self, tenant_key: &str) -> Result<Option<Tenant>> {
        self.one(tenant_select!("WHERE tenant_key = $1"), p![tenant_key], tenant_row)
    }

    fn set_tenant_creator(&mut self, id: TenantId, creator: UserId) -> Result<()> {
        self.exec("UPDATE tenants SET creator_user_id = $2 WHERE id = $1", p![id.0, creator.0])?;
        Ok(())
    }

    fn set_tenant_status(&mut self, id: TenantId, status: TenantStatus, dissolve_at: Option<Timestamp>) -> Result<()> {
        self.exec(
            "UPDATE tenants SET status = $2, dissolve_at = $3 WHERE id = $1",
            p![id.0, status.as_str(), dissolve_at],
        )?;
        Ok(())
    }

    fn insert_developer(&mut self, name: &str, now: Timestamp) -> Result<DeveloperId> {
        self.insert_id("INSERT INTO developers (name, created_at) VALUES ($1, $2) RETURNING id", p![name, now])
            .map(DeveloperId)
    }
}

/// `SELECT <account columns> FROM accounts <tail>`
macro_rules! account_select {
    ($tail:literal) => {
        concat!("SELECT id, name, email, mobile, password_hash, status, created_at, deleted_at FROM accounts ", $tail)
    };
}

fn account_row(r: Row<'_>) -> Result<Account, StoreError> {
    let status = r.text(5)?;
    Ok(Account {
        id: AccountId(r.i64(0)?),
        name: r.text(1)?,
        email: r.opt_text(2)?,
        mobile: r.opt_text(3)?,
        password_hash: r.opt_text(4)?,
        status: AccountStatus::parse(&status).ok_or_else(|| bad("account status", &status))?,
        created_at: r.ts(6)?,
        deleted_at: r.opt_ts(7)?,
    })
}

impl AccountRepo for SqlTx<'_> {
    fn insert_account(&mut self, a: &NewAccount) -> Result<AccountId> {
        self.insert_id(
            "INSERT INTO accounts (name, email, mobile, password_hash, status, created_at) VALUES ($1, $2, $3, $4, 'active', $5) RETURNING id",
            p![&a.name, &a.email, &a.mobile, &a.password_hash, a.created_at],
        )
        .map(AccountId)
    }

    fn account(&mut self, id: AccountId) -> Result<Option<Account>> {
        self.one(account_select!("WHERE id = $1"), p![id.0], account_row)
    }

    fn accounts_by_email(&mut self, email: &str) -> Result<Vec<Account>> {
        self.all(account_select!("WHERE email = $1 AND status = 'active' ORDER BY id"), p![email], account_row)
    }

    fn accounts_by_mobile(&mut self, mobile: &str) -> Result<Vec<Account>> {
        self.all(account_select!("WHERE mobile = $1 AND status = 'active' ORDER BY id"), p![mobile], account_row)
    }

    fn update_account(&mut self, a: &Account) -> Result<()> {
        self.exec(
            "UPDATE accounts SET name = $2, email = $3, mobile = $4, password_hash = $5, status = $6, deleted_at = $7 WHERE id = $1",
            p![a.id.0, &a.name, &a.email, &a.mobile, &a.password_hash, a.status.as_str(), a.deleted_at],
        )?;
        Ok(())
    }
}

/// `SELECT <app columns> FROM apps <tail>`
macro_rules! app_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, tenant_id, developer_id, app_id, app_secret, name, bot_enabled, enabled, verification_token, \
             encrypt_key, event_url, event_types, scope_all, scope_departments, created_at FROM apps ",
            $tail
        )
    };
}

fn app_row(r: Row<'_>) -> Result<App, StoreError> {
    let scope_departments: Vec<i64> = r.json(13)?;
    Ok(App {
        id: AppId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        developer: DeveloperId(r.i64(2)?),
        app_id: r.text(3)?,
        app_secret: r.text(4)?,
        name: r.text(5)?,
        bot_enabled: r.bool(6)?,
        enabled: r.bool(7)?,
        verification_token: r.text(8)?,
        encrypt_key: r.text(9)?,
        event_url: r.opt_text(10)?,
        event_types: r.json(11)?,
        contact_scope: ContactScope {
            all: r.bool(12)?,
            departments: scope_departments.into_iter().map(DeptId).collect(),
        },
        created_at: r.ts(14)?,
    })
}

impl AppRepo for SqlTx<'_> {
    fn insert_app(&mut self, a: &NewApp) -> Result<AppId> {
        let depts: Vec<i64> = a.contact_scope.departments.iter().map(|d| d.0).collect();
        self.insert_id(
            "INSERT INTO apps (tenant_id, developer_id, app_id, app_secret, name, bot_enabled, enabled, verification_token, encrypt_key, event_types, scope_all, scope_departments, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, '[]', $9, $10, $11) RETURNING id",
            p![
                a.tenant.0,
                a.developer.0,
                &a.app_id,
                &a.app_secret,
                &a.name,
                a.bot_enabled,
                &a.verification_token,
                &a.encrypt_key,
                a.contact_scope.all,
                to_json(&depts).as_str(),
                a.created_at
            ],
        )
        .map(AppId)
    }

    fn app(&mut self, id: AppId) -> Result<Option<App>> {
        self.one(app_select!("WHERE id = $1"), p![id.0], app_row)
    }

    fn app_by_app_id(&mut self, app_id: &str) -> Result<Option<App>> {
        self.one(app_select!("WHERE app_id = $1"), p![app_id], app_row)
    }

    fn apps_of_tenant(&mut self, tenant: TenantId) -> Result<Vec<App>> {
        self.all(app_select!("WHERE tenant_id = $1 ORDER BY id"), p![tenant.0], app_row)
    }

    fn update_app(&mut self, a: &App) -> Result<()> {
        let depts: Vec<i64> = a.contact_scope.departments.iter().map(|d| d.0).collect();
        self.exec(
            "UPDATE apps SET app_secret = $2, name = $3, bot_enabled = $4, enabled = $5, verification_token = $6, encrypt_key = $7, \
             event_url = $8, event_types = $9, scope_all = $10, scope_departments = $11 WHERE id = $1",
            p![
                a.id.0,
                &a.app_secret,
                &a.name,
                a.bot_enabled,
                a.enabled,
                &a.verification_token,
                &a.encrypt_key,
                &a.event_url,
                to_json(&a.event_types).as_str(),
                a.contact_scope.all,
                to_json(&depts).as_str()
            ],
        )?;
        Ok(())
    }
}

fn token_row(r: Row<'_>) -> Result<AccessToken, StoreError> {
    let kind = r.text(1)?;
    Ok(AccessToken {
        token: r.text(0)?,
        kind: TokenKind::parse(&kind).ok_or_else(|| bad("token kind", &kind))?,
        app: AppId(r.i64(2)?),
        tenant: TenantId(r.i64(3)?),
        user: r.opt_i64(4)?.map(UserId),
        created_at: r.ts(5)?,
        expires_at: r.ts(6)?,
        revoked: r.bool(7)?,
    })
}

impl TokenRepo for SqlTx<'_> {
    fn insert_token(&mut self, t: &NewToken) -> Result<()> {
        self.exec(
            "INSERT INTO access_tokens (token, kind, app_id, tenant_id, user_id, created_at, expires_at, revoked) VALUES ($1, $2, $3, $4, $5, $6, $7, 0)",
            p![&t.token, t.kind.as_str(), t.app.0, t.tenant.0, t.user.map(|u| u.0), t.created_at, t.expires_at],
        )?;
        Ok(())
    }

    fn token(&mut self, token: &str) -> Result<Option<AccessToken>> {
        self.one(
            "SELECT token, kind, app_id, tenant_id, user_id, created_at, expires_at, revoked FROM access_tokens WHERE token = $1",
            p![token],
            token_row,
        )
    }

    fn latest_token(
        &mut self,
        app: AppId,
        tenant: TenantId,
        user: Option<UserId>,
        kind: TokenKind,
    ) -> Result<Option<AccessToken>> {
        self.one(
            "SELECT token, kind, app_id, tenant_id, user_id, created_at, expires_at, revoked FROM access_tokens \
             WHERE app_id = $1 AND tenant_id = $2 AND kind = $3 AND COALESCE(user_id, 0) = $4 AND revoked = 0 \
             ORDER BY created_at DESC, token DESC LIMIT 1",
            p![app.0, tenant.0, kind.as_str(), user.map_or(0, |u| u.0)],
            token_row,
        )
    }

    fn revoke_token(&mut self, token: &str) -> Result<()> {
        self.exec("UPDATE access_tokens SET revoked = 1 WHERE token = $1", p![token])?;
        Ok(())
    }

    fn revoke_user_tokens(&mut self, user: UserId) -> Result<u64> {
        self.exec("UPDATE access_tokens SET revoked = 1 WHERE user_id = $1 AND revoked = 0", p![user.0])
    }

    fn revoke_tenant_tokens(&mut self, tenant: TenantId) -> Result<u64> {
        self.exec("UPDATE access_tokens SET revoked = 1 WHERE tenant_id = $1 AND revoked = 0", p![tenant.0])
    }
}

impl OutboxRepo for SqlTx<'_> {
    fn append_event(&mut self, e: &NewEvent) -> Result<EventSeq> {
        self.insert_id(
            "INSERT INTO outbox (tenant_id, event_type, payload, created_at) VALUES ($1, $2, $3, $4) RETURNING seq",
            p![e.tenant.0, e.event_type, &e.payload, e.created_at],
        )
        .map(EventSeq)
    }

    fn events_after(&mut self, after: EventSeq, limit: u32) -> Result<Vec<StoredEvent>> {
        self.all(
            "SELECT seq, tenant_id, event_type, payload, created_at FROM outbox WHERE seq > $1 ORDER BY seq LIMIT $2",
            p![after.0, limit as i64],
            |r| {
                Ok(StoredEvent {
                    seq: EventSeq(r.i64(0)?),
                    tenant: TenantId(r.i64(1)?),
                    event_type: r.text(2)?,
                    payload: r.text(3)?,
                    created_at: r.ts(4)?,
                })
            },
        )
    }
}

impl IdempotencyRepo for SqlTx<'_> {
    fn idempotency_get(
        &mut self,
        tenant: TenantId,
        app: AppId,
        operation: &str,
        client_token: &str,
    ) -> Result<Option<IdempotencyRecord>> {
        self.one(
            "SELECT fingerprint, result_ref FROM idempotency WHERE tenant_id = $1 AND app_id = $2 AND operation = $3 AND client_token = $4",
            p![tenant.0, app.0, operation, client_token],
            |r| Ok(IdempotencyRecord { fingerprint: r.text(0)?, result_ref: r.text(1)? }),
        )
    }

    fn idempotency_put(
        &mut self,
        tenant: TenantId,
        app: AppId,
        operation: &str,
        client_token: &str,
        record: &IdempotencyRecord,
        now: Timestamp,
    ) -> Result<()> {
        self.exec(
            "INSERT INTO idempotency (tenant_id, app_id, operation, client_token, fingerprint, result_ref, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            p![tenant.0, app.0, operation, client_token, &record.fingerprint, &record.result_ref, now],
        )?;
        Ok(())
    }
}
