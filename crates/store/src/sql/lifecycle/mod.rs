//! SQL for the lifecycle area (`LifecycleRepo`): departures and their chat records, purge
//! tombstones, personal workspaces and dissolutions. The deletes a purge runs over other areas'
//! tables live in [`purge`].

mod purge;

use super::{Row, SqlTx, p, to_json};
use roster_domain::clock::Timestamp;
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{AccountId, ChatId, TenantId, UserId};
use roster_domain::model::{
    ChatOutcome, DepartedChat, Departure, DepartureKind, DepartureState, Dissolution, DissolutionState,
    DissolutionStep, PersonalWorkspace, PurgedUser,
};

fn bad(what: &str, v: &str) -> StoreError {
    StoreError::Other(format!("unknown {what} {v:?} in store"))
}

/// `SELECT <departure columns> FROM departures <tail>`
macro_rules! departure_select {
    ($tail:literal) => {
        concat!(
            "SELECT user_id, tenant_id, kind, state, departed_at, resign_at, purge_at, operator, acceptors, departments, \
             updated_at FROM departures ",
            $tail
        )
    };
}

fn departure_row(r: Row<'_>) -> Result<Departure, StoreError> {
    let (kind, state) = (r.text(2)?, r.text(3)?);
    Ok(Departure {
        user: UserId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        kind: DepartureKind::parse(&kind).ok_or_else(|| bad("departure kind", &kind))?,
        state: DepartureState::parse(&state).ok_or_else(|| bad("departure state", &state))?,
        departed_at: r.ts(4)?,
        resign_at: r.opt_ts(5)?,
        purge_at: r.ts(6)?,
        operator: r.json(7)?,
        acceptors: r.json(8)?,
        departments: r.json(9)?,
        updated_at: r.ts(10)?,
    })
}

fn departed_chat_row(r: Row<'_>) -> Result<DepartedChat, StoreError> {
    let outcome = r.text(2)?;
    Ok(DepartedChat {
        user: UserId(r.i64(0)?),
        chat: ChatId(r.i64(1)?),
        outcome: ChatOutcome::parse(&outcome).ok_or_else(|| bad("chat outcome", &outcome))?,
        new_owner: r.opt_i64(3)?.map(UserId),
        was_manager: r.bool(4)?,
    })
}

fn purged_row(r: Row<'_>) -> Result<PurgedUser, StoreError> {
    Ok(PurgedUser {
        user: UserId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        user_id: r.text(2)?,
        departed_at: r.ts(3)?,
        purged_at: r.ts(4)?,
    })
}

fn workspace_row(r: Row<'_>) -> Result<PersonalWorkspace, StoreError> {
    Ok(PersonalWorkspace { tenant: TenantId(r.i64(0)?), account: AccountId(r.i64(1)?), created_at: r.ts(2)? })
}

/// `SELECT <dissolution columns> FROM dissolutions <tail>`
macro_rules! dissolution_select {
    ($tail:literal) => {
        concat!(
            "SELECT tenant_id, requested_by, requested_at, effective_at, state, step, cancelled_by, cancelled_at, \
             completed_at FROM dissolutions ",
            $tail
        )
    };
}

fn dissolution_row(r: Row<'_>) -> Result<Dissolution, StoreError> {
    let (state, step) = (r.text(4)?, r.text(5)?);
    Ok(Dissolution {
        tenant: TenantId(r.i64(0)?),
        requested_by: UserId(r.i64(1)?),
        requested_at: r.ts(2)?,
        effective_at: r.ts(3)?,
        state: DissolutionState::parse(&state).ok_or_else(|| bad("dissolution state", &state))?,
        step: DissolutionStep::parse(&step).ok_or_else(|| bad("dissolution step", &step))?,
        cancelled_by: r.opt_i64(6)?.map(UserId),
        cancelled_at: r.opt_ts(7)?,
        completed_at: r.opt_ts(8)?,
    })
}

impl SqlTx<'_> {
    pub(super) fn lifecycle_departure(&mut self, d: &Departure, insert: bool) -> Result<()> {
        let sql = if insert {
            "INSERT INTO departures (user_id, tenant_id, kind, state, departed_at, resign_at, purge_at, operator, acceptors, \
             departments, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        } else {
            "UPDATE departures SET tenant_id = $2, kind = $3, state = $4, departed_at = $5, resign_at = $6, purge_at = $7, \
             operator = $8, acceptors = $9, departments = $10, updated_at = $11 WHERE user_id = $1"
        };
        self.exec(
            sql,
            p![
                d.user.0,
                d.tenant.0,
                d.kind.as_str(),
                d.state.as_str(),
                d.departed_at,
                d.resign_at,
                d.purge_at,
                to_json(&d.operator).as_str(),
                to_json(&d.acceptors).as_str(),
                to_json(&d.departments).as_str(),
                d.updated_at
            ],
        )?;
        Ok(())
    }
}

impl roster_domain::store::LifecycleRepo for SqlTx<'_> {
    fn insert_departure(&mut self, d: &Departure) -> Result<()> {
        self.lifecycle_departure(d, true)
    }

    fn departure(&mut self, tenant: TenantId, user: UserId) -> Result<Option<Departure>> {
        self.one(departure_select!("WHERE user_id = $1 AND tenant_id = $2"), p![user.0, tenant.0], departure_row)
    }

    fn update_departure(&mut self, d: &Departure) -> Result<()> {
        self.lifecycle_departure(d, false)
    }

    fn delete_departure(&mut self, user: UserId) -> Result<()> {
        self.exec("DELETE FROM departure_chats WHERE user_id = $1", p![user.0])?;
        self.exec("DELETE FROM departures WHERE user_id = $1", p![user.0])?;
        Ok(())
    }

    fn departures_in_state(&mut self, state: DepartureState, after: UserId, limit: u32) -> Result<Vec<Departure>> {
        self.all(
            departure_select!("WHERE state = $1 AND user_id > $2 ORDER BY user_id LIMIT $3"),
            p![state.as_str(), after.0, limit as i64],
            departure_row,
        )
    }

    fn departures_to_purge(&mut self, now: Timestamp, limit: u32) -> Result<Vec<Departure>> {
        self.all(
            departure_select!("WHERE state = 'departed' AND purge_at <= $1 ORDER BY purge_at, user_id LIMIT $2"),
            p![now, limit as i64],
            departure_row,
        )
    }

    fn exits_to_resign(&mut self, now: Timestamp, limit: u32) -> Result<Vec<Departure>> {
        self.all(
            departure_select!(
                "WHERE resign_at IS NOT NULL AND resign_at <= $1 AND state = 'departed' ORDER BY resign_at, user_id LIMIT $2"
            ),
            p![now, limit as i64],
            departure_row,
        )
    }

    fn record_departed_chat(&mut self, c: &DepartedChat) -> Result<()> {
        self.exec(
            "INSERT INTO departure_chats (user_id, chat_id, outcome, new_owner_id, was_manager) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id, chat_id) DO UPDATE SET outcome = excluded.outcome, new_owner_id = excluded.new_owner_id, \
             was_manager = excluded.was_manager",
            p![c.user.0, c.chat.0, c.outcome.as_str(), c.new_owner.map(|u| u.0), c.was_manager],
        )?;
        Ok(())
    }

    fn departed_chats(&mut self, user: UserId, outcome: ChatOutcome, limit: u32) -> Result<Vec<DepartedChat>> {
        self.all(
            "SELECT user_id, chat_id, outcome, new_owner_id, was_manager FROM departure_chats \
             WHERE user_id = $1 AND outcome = $2 ORDER BY chat_id LIMIT $3",
            p![user.0, outcome.as_str(), limit as i64],
            departed_chat_row,
        )
    }

    fn delete_departed_chat(&mut self, user: UserId, chat: ChatId) -> Result<()> {
        self.exec("DELETE FROM departure_chats WHERE user_id = $1 AND chat_id = $2", p![user.0, chat.0])?;
        Ok(())
    }

    fn insert_purged_user(&mut self, u: &PurgedUser) -> Result<()> {
        self.exec(
            "INSERT INTO purged_users (user_id, tenant_id, custom_user_id, departed_at, purged_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id) DO NOTHING",
            p![u.user.0, u.tenant.0, &u.user_id, u.departed_at, u.purged_at],
        )?;
        Ok(())
    }

    fn purged_user(&mut self, tenant: TenantId, user: UserId) -> Result<Option<PurgedUser>> {
        self.one(
            "SELECT user_id, tenant_id, custom_user_id, departed_at, purged_at FROM purged_users WHERE user_id = $1 AND tenant_id = $2",
            p![user.0, tenant.0],
            purged_row,
        )
    }

    fn purged_user_by_user_id(&mut self, tenant: TenantId, user_id: &str) -> Result<Option<PurgedUser>> {
        self.one(
            "SELECT user_id, tenant_id, custom_user_id, departed_at, purged_at FROM purged_users \
             WHERE tenant_id = $1 AND custom_user_id = $2 ORDER BY purged_at DESC, user_id DESC LIMIT 1",
            p![tenant.0, user_id],
            purged_row,
        )
    }

    fn delete_user_rows(&mut self, tenant: TenantId, user: UserId) -> Result<()> {
        self.purge_user_rows(tenant, user)
    }

    fn insert_personal_workspace(&mut self, w: &PersonalWorkspace) -> Result<()> {
        self.exec(
            "INSERT INTO personal_workspaces (tenant_id, account_id, created_at) VALUES ($1, $2, $3)",
            p![w.tenant.0, w.account.0, w.created_at],
        )?;
        Ok(())
    }

    fn personal_workspace_of_account(&mut self, account: AccountId) -> Result<Option<PersonalWorkspace>> {
        self.one(
            "SELECT tenant_id, account_id, created_at FROM personal_workspaces WHERE account_id = $1",
            p![account.0],
            workspace_row,
        )
    }

    fn personal_workspace(&mut self, tenant: TenantId) -> Result<Option<PersonalWorkspace>> {
        self.one(
            "SELECT tenant_id, account_id, created_at FROM personal_workspaces WHERE tenant_id = $1",
            p![tenant.0],
            workspace_row,
        )
    }

    fn delete_personal_workspace(&mut self, tenant: TenantId) -> Result<()> {
        self.exec("DELETE FROM personal_workspaces WHERE tenant_id = $1", p![tenant.0])?;
        Ok(())
    }

    fn put_dissolution(&mut self, d: &Dissolution) -> Result<()> {
        self.exec(
            "INSERT INTO dissolutions (tenant_id, requested_by, requested_at, effective_at, state, step, cancelled_by, \
             cancelled_at, completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (tenant_id) DO UPDATE SET requested_by = excluded.requested_by, requested_at = excluded.requested_at, \
             effective_at = excluded.effective_at, state = excluded.state, step = excluded.step, \
             cancelled_by = excluded.cancelled_by, cancelled_at = excluded.cancelled_at, completed_at = excluded.completed_at",
            p![
                d.tenant.0,
                d.requested_by.0,
                d.requested_at,
                d.effective_at,
                d.state.as_str(),
                d.step.as_str(),
                d.cancelled_by.map(|u| u.0),
                d.cancelled_at,
                d.completed_at
            ],
        )?;
        Ok(())
    }

    fn dissolution(&mut self, tenant: TenantId) -> Result<Option<Dissolution>> {
        self.one(dissolution_select!("WHERE tenant_id = $1"), p![tenant.0], dissolution_row)
    }

    fn open_dissolutions(&mut self, now: Timestamp, limit: u32) -> Result<Vec<Dissolution>> {
        self.all(
            dissolution_select!(
                "WHERE state IN ('scheduled', 'purging') AND (state = 'purging' OR effective_at <= $1) \
                 ORDER BY effective_at, tenant_id LIMIT $2"
            ),
            p![now, limit as i64],
            dissolution_row,
        )
    }

    fn revoke_tenant_invitations(&mut self, tenant: TenantId, now: Timestamp) -> Result<u64> {
        self.exec(
            "UPDATE org_invitations SET revoked_at = $2 WHERE tenant_id = $1 AND revoked_at IS NULL",
            p![tenant.0, now],
        )
    }

    fn meetings_in_progress(&mut self, tenant: TenantId, limit: u32) -> Result<Vec<roster_domain::ids::MeetingId>> {
        self.all(
            "SELECT id FROM meetings WHERE tenant_id = $1 AND status = 2 ORDER BY id LIMIT $2",
            p![tenant.0, limit as i64],
            |r| Ok(roster_domain::ids::MeetingId(r.i64(0)?)),
        )
    }

    fn delete_tenant_meetings(&mut self, tenant: TenantId) -> Result<u64> {
        self.purge_tenant_meetings(tenant)
    }

    fn tenant_chats(&mut self, tenant: TenantId, limit: u32) -> Result<Vec<ChatId>> {
        self.all("SELECT id FROM chats WHERE tenant_id = $1 ORDER BY id LIMIT $2", p![tenant.0, limit as i64], |r| {
            Ok(ChatId(r.i64(0)?))
        })
    }

    fn delete_chat_rows(&mut self, chat: ChatId) -> Result<()> {
        self.purge_chat_rows(chat)
    }

    fn tenant_users(&mut self, tenant: TenantId, limit: u32) -> Result<Vec<UserId>> {
        self.all("SELECT id FROM users WHERE tenant_id = $1 ORDER BY id LIMIT $2", p![tenant.0, limit as i64], |r| {
            Ok(UserId(r.i64(0)?))
        })
    }

    fn delete_tenant_rows(&mut self, tenant: TenantId) -> Result<u64> {
        self.purge_tenant_rows(tenant)
    }
}
