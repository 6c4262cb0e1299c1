//! SQL for join requests, share links, tenants' chat policies and collaborations.

use crate::sql::{Row, SqlTx, p, to_json};
use roster_domain::clock::Timestamp;
use roster_domain::error::{Result, StoreError};
use roster_domain::events::Operator;
use roster_domain::ids::{ChatId, TenantId, UserId};
use roster_domain::model::{
    ChatJoinRequest, ChatJoinRequestId, ChatPolicy, Collaboration, JoinRequestStatus, JoinVia, NewChatJoinRequest,
    ShareLink,
};
use roster_domain::store::ChatAccessStore;

/// `SELECT <request columns> FROM chat_join_requests <tail>`
macro_rules! request_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, chat_id, tenant_id, user_id, user_tenant_id, via, requested_by, status, created_at, decided_by, \
             decided_at FROM chat_join_requests ",
            $tail
        )
    };
}

fn bad(what: &str, v: &str) -> StoreError {
    StoreError::Other(format!("unknown {what} {v:?} in store"))
}

fn request_row(r: Row<'_>) -> Result<ChatJoinRequest, StoreError> {
    let via = r.text(5)?;
    let status = r.text(7)?;
    let decided_by: Option<String> = r.opt_text(9)?;
    Ok(ChatJoinRequest {
        id: ChatJoinRequestId(r.i64(0)?),
        chat: ChatId(r.i64(1)?),
        tenant: TenantId(r.i64(2)?),
        user: UserId(r.i64(3)?),
        user_tenant: TenantId(r.i64(4)?),
        via: JoinVia::parse(&via).ok_or_else(|| bad("join route", &via))?,
        requested_by: r.json(6)?,
        status: JoinRequestStatus::parse(&status).ok_or_else(|| bad("request status", &status))?,
        created_at: r.ts(8)?,
        decided_by: match decided_by {
            Some(s) => Some(serde_json::from_str(&s).map_err(|e| StoreError::Other(format!("bad decided_by: {e}")))?),
            None => None,
        },
        decided_at: r.opt_ts(10)?,
    })
}

fn collaboration_row(r: Row<'_>) -> Result<Collaboration, StoreError> {
    Ok(Collaboration {
        low: TenantId(r.i64(0)?),
        high: TenantId(r.i64(1)?),
        low_approved: r.bool(2)?,
        high_approved: r.bool(3)?,
        created_at: r.ts(4)?,
        activated_at: r.opt_ts(5)?,
    })
}

fn pair(a: TenantId, b: TenantId) -> (i64, i64) {
    if a <= b { (a.0, b.0) } else { (b.0, a.0) }
}

impl ChatAccessStore for SqlTx<'_> {
    fn insert_chat_join_request(&mut self, r: &NewChatJoinRequest) -> Result<ChatJoinRequestId> {
        self.insert_id(
            "INSERT INTO chat_join_requests (chat_id, tenant_id, user_id, user_tenant_id, via, requested_by, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING id",
            p![
                r.chat.0,
                r.tenant.0,
                r.user.0,
                r.user_tenant.0,
                r.via.as_str(),
                to_json(&r.requested_by).as_str(),
                r.created_at
            ],
        )
        .map(ChatJoinRequestId)
    }

    fn chat_join_request(&mut self, chat: ChatId, id: ChatJoinRequestId) -> Result<Option<ChatJoinRequest>> {
        self.one(request_select!("WHERE id = $1 AND chat_id = $2"), p![id.0, chat.0], request_row)
    }

    fn pending_chat_join_request(&mut self, chat: ChatId, user: UserId) -> Result<Option<ChatJoinRequest>> {
        self.one(
            request_select!("WHERE chat_id = $1 AND user_id = $2 AND status = 'pending'"),
            p![chat.0, user.0],
            request_row,
        )
    }

    fn chat_join_requests(
        &mut self,
        chat: ChatId,
        status: Option<JoinRequestStatus>,
        after: ChatJoinRequestId,
        limit: u32,
    ) -> Result<Vec<ChatJoinRequest>> {
        match status {
            Some(s) => self.all(
                request_select!("WHERE chat_id = $1 AND status = $2 AND id > $3 ORDER BY id LIMIT $4"),
                p![chat.0, s.as_str(), after.0, limit as i64],
                request_row,
            ),
            None => self.all(
                request_select!("WHERE chat_id = $1 AND id > $2 ORDER BY id LIMIT $3"),
                p![chat.0, after.0, limit as i64],
                request_row,
            ),
        }
    }

    fn update_chat_join_request(&mut self, r: &ChatJoinRequest) -> Result<()> {
        let decided_by = r.decided_by.as_ref().map(to_json);
        self.exec(
            "UPDATE chat_join_requests SET status = $3, decided_by = $4, decided_at = $5 WHERE id = $1 AND chat_id = $2",
            p![r.id.0, r.chat.0, r.status.as_str(), &decided_by, r.decided_at],
        )?;
        Ok(())
    }

    fn close_pending_requests(
        &mut self,
        chat: ChatId,
        users: &[UserId],
        status: JoinRequestStatus,
        by: &Operator,
        now: Timestamp,
    ) -> Result<u64> {
        let by = to_json(by);
        if users.is_empty() {
            return self.exec(
                "UPDATE chat_join_requests SET status = $2, decided_by = $3, decided_at = $4 \
                 WHERE chat_id = $1 AND status = 'pending'",
                p![chat.0, status.as_str(), by.as_str(), now],
            );
        }
        let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
        let sql = self.pick(
            "UPDATE chat_join_requests SET status = $2, decided_by = $3, decided_at = $4 \
             WHERE chat_id = $1 AND status = 'pending' AND user_id IN (SELECT value FROM json_each($5))",
            "UPDATE chat_join_requests SET status = $2, decided_by = $3, decided_at = $4 \
             WHERE chat_id = $1 AND status = 'pending' AND user_id = ANY($5)",
        );
        self.exec(sql, p![chat.0, status.as_str(), by.as_str(), now, &ids[..]])
    }

    fn insert_share_link(&mut self, l: &ShareLink) -> Result<()> {
        self.exec(
            "INSERT INTO chat_links (token, chat_id, tenant_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
            p![&l.token, l.chat.0, l.tenant.0, to_json(&l.created_by).as_str(), l.created_at, l.expires_at],
        )?;
        Ok(())
    }

    fn share_link(&mut self, token: &str) -> Result<Option<ShareLink>> {
        self.one(
            "SELECT token, chat_id, tenant_id, created_by, created_at, expires_at FROM chat_links WHERE token = $1",
            p![token],
            |r| {
                Ok(ShareLink {
                    token: r.text(0)?,
                    chat: ChatId(r.i64(1)?),
                    tenant: TenantId(r.i64(2)?),
                    created_by: r.json(3)?,
                    created_at: r.ts(4)?,
                    expires_at: r.opt_ts(5)?,
                })
            },
        )
    }

    fn chat_policy(&mut self, tenant: TenantId) -> Result<Option<ChatPolicy>> {
        self.one("SELECT policy FROM chat_policies WHERE tenant_id = $1", p![tenant.0], |r| r.json(0))
    }

    fn put_chat_policy(&mut self, tenant: TenantId, policy: &ChatPolicy, now: Timestamp) -> Result<()> {
        self.exec(
            "INSERT INTO chat_policies (tenant_id, policy, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (tenant_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at",
            p![tenant.0, to_json(policy).as_str(), now],
        )?;
        Ok(())
    }

    fn collaboration(&mut self, a: TenantId, b: TenantId) -> Result<Option<Collaboration>> {
        let (lo, hi) = pair(a, b);
        self.one(
            "SELECT low_tenant_id, high_tenant_id, low_approved, high_approved, created_at, activated_at \
             FROM tenant_collaborations WHERE low_tenant_id = $1 AND high_tenant_id = $2",
            p![lo, hi],
            collaboration_row,
        )
    }

    fn put_collaboration(&mut self, c: &Collaboration) -> Result<()> {
        self.exec(
            "INSERT INTO tenant_collaborations (low_tenant_id, high_tenant_id, low_approved, high_approved, created_at, activated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (low_tenant_id, high_tenant_id) DO UPDATE SET \
             low_approved = excluded.low_approved, high_approved = excluded.high_approved, activated_at = excluded.activated_at",
            p![c.low.0, c.high.0, c.low_approved, c.high_approved, c.created_at, c.activated_at],
        )?;
        Ok(())
    }

    fn delete_collaboration(&mut self, a: TenantId, b: TenantId) -> Result<u64> {
        let (lo, hi) = pair(a, b);
        self.exec("DELETE FROM tenant_collaborations WHERE low_tenant_id = $1 AND high_tenant_id = $2", p![lo, hi])
    }

    fn collaborations_of(&mut self, tenant: TenantId) -> Result<Vec<Collaboration>> {
        self.all(
            "SELECT low_tenant_id, high_tenant_id, low_approved, high_approved, created_at, activated_at \
             FROM tenant_collaborations WHERE low_tenant_id = $1 OR high_tenant_id = $1 ORDER BY created_at",
            p![tenant.0],
            collaboration_row,
        )
    }

    fn collaborating_tenant_of_user(&mut self, tenant: TenantId, user: UserId) -> Result<Option<TenantId>> {
        self.one(
            "SELECT u.tenant_id FROM users u JOIN tenant_collaborations c \
             ON (c.low_tenant_id = $1 AND c.high_tenant_id = u.tenant_id) OR (c.high_tenant_id = $1 AND c.low_tenant_id = u.tenant_id) \
             WHERE u.id = $2 AND u.tenant_id <> $1 AND c.low_approved = 1 AND c.high_approved = 1",
            p![tenant.0, user.0],
            |r| Ok(TenantId(r.i64(0)?)),
        )
    }
}
