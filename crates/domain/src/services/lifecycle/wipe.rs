//! The purge of a dissolved tenant, in the steps of [`DissolutionStep`], one batch per
//! transaction. Each batch handles whole things (a meeting, a chat, a user) and records the step
//! it reached, so a purge cut short anywhere resumes with nothing half-deleted. Events go out as
//! for any other removal: `vc.meeting.meeting_ended_v1` (with the leaves), `im.chat.disbanded_v1`,
//! `contact.user.deleted_v3`, and `im.chat.member.user.deleted_v1` for the members' places in
//! other organizations' external chats. The members' other memberships (other tenants, their
//! accounts while they still have one) are untouched.

use super::handover::{lock_live_chat, remove_member};
use super::lock_dissolution;
use super::purge::retire_account_if_unused;
use crate::error::Result;
use crate::events::Operator;
use crate::events::chats::ChatDisbanded;
use crate::events::contact::UserDeleted;
use crate::ids::{ChatId, TenantId, UserId};
use crate::model::{ChatMemberRef, DissolutionState, DissolutionStep, MeetingStatus, NewEvent};
use crate::services::Env;
use crate::services::chats::access::chat_ref_with;
use crate::services::meetings::end_meeting;
use crate::store::{ChatCursor, ChatSort, LockKey, Tx};

/// Runs the next batch of the tenant's purge; true when the purge is finished (or there is none).
pub fn wipe_batch(tx: &mut dyn Tx, env: &Env, tenant: TenantId) -> Result<bool> {
    lock_dissolution(tx, tenant)?;
    let Some(mut d) = tx.dissolution(tenant)?.filter(|d| d.state == DissolutionState::Purging) else {
        return Ok(true);
    };
    let limit = env.settings.lifecycle.batch();
    let operator = Operator::System { tenant };
    let next = match d.step {
        DissolutionStep::Meetings => {
            let ids = tx.meetings_in_progress(tenant, limit)?;
            for id in &ids {
                tx.lock(LockKey::Meeting(*id))?;
                if let Some(mut m) = tx.meeting(tenant, *id)?.filter(|m| m.status == MeetingStatus::InProgress) {
                    end_meeting(tx, env, &mut m, operator)?;
                }
            }
            if ids.len() < limit as usize {
                tx.delete_tenant_meetings(tenant)?;
                Some(DissolutionStep::Chats)
            } else {
                None
            }
        }
        DissolutionStep::Chats => {
            let ids = tx.tenant_chats(tenant, limit)?;
            for id in &ids {
                wipe_chat(tx, env, *id, operator)?;
            }
            (ids.len() < limit as usize).then_some(DissolutionStep::Users)
        }
        DissolutionStep::Users => {
            let ids = tx.tenant_users(tenant, limit)?;
            for id in &ids {
                wipe_user(tx, env, tenant, *id, operator)?;
            }
            (ids.len() < limit as usize).then_some(DissolutionStep::Organization)
        }
        DissolutionStep::Organization => {
            tx.delete_tenant_rows(tenant)?;
            Some(DissolutionStep::Finished)
        }
        DissolutionStep::Finished => Some(DissolutionStep::Finished),
    };
    if let Some(step) = next {
        d.step = step;
        if step == DissolutionStep::Finished {
            d.state = DissolutionState::Done;
            d.completed_at = Some(env.now);
        }
        tx.put_dissolution(&d)?;
    }
    Ok(d.state == DissolutionState::Done)
}

/// Disbands a chat of the dissolved tenant (announced to its bots while it was live) and deletes
/// it with its members.
fn wipe_chat(tx: &mut dyn Tx, env: &Env, id: ChatId, operator: Operator) -> Result<()> {
    if let Some(l) = lock_live_chat(tx, id)? {
        let e = ChatDisbanded { chat: chat_ref_with(&l.chat, l.bots.clone()), operator };
        tx.append_event(&NewEvent::of(l.chat.tenant, &e, env.now))?;
    }
    tx.delete_chat_rows(id)
}

/// Deletes a user of the dissolved tenant: their places in other tenants' chats (those chats go
/// on), the announcement, every row of theirs, and their account when nothing else uses it.
fn wipe_user(tx: &mut dyn Tx, env: &Env, tenant: TenantId, id: UserId, operator: Operator) -> Result<()> {
    super::lock_departure(tx, id)?;
    let Some(user) = tx.user(tenant, id)? else { return Ok(()) };
    let mut after: Option<ChatCursor> = None;
    loop {
        let page = tx.chats_of(ChatMemberRef::User(id), ChatSort::ByCreateTimeAsc, after, 200)?;
        for c in &page {
            if let Some(mut l) = lock_live_chat(tx, c.id)?
                && tx.chat_member(c.id, id)?.is_some()
            {
                remove_member(tx, env, &mut l, &user, operator)?;
            }
        }
        if page.len() < 200 {
            break;
        }
        after = page.last().map(|c| ChatCursor { active_at: c.active_at, id: c.id });
    }
    if !user.status.is_resigned {
        let departments = user.departments.clone();
        let e = UserDeleted { user: super::depart::resigned_snapshot(&user, &departments, env) };
        tx.append_event(&NewEvent::of(tenant, &e, env.now))?;
    }
    tx.delete_user_rows(tenant, id)?;
    retire_account_if_unused(tx, env, user.account)?;
    Ok(())
}
