//! Department group chats (`create_group_chat: true` on create, patch or update). Lark: "the
//! chat is named after the department and owned by its main leader". Roster's choices:
//! - Without a (live) main leader, the tenant's primary admin owns the chat.
//! - The members are the department's direct members, limited to `group_chat_employee_types`
//!   when that list is set; the owner is always in.
//! - A department that already has a chat keeps it (`create_group_chat` is then a no-op, and
//!   `false` never removes one). Later membership changes do not follow the department yet.

use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::model::{Department, User};
use crate::services::chats::lifecycle::create_department_chat;
use crate::services::{Caller, Env};
use crate::store::Tx;

const MEMBER_PAGE: u32 = 500;

/// Gives `dept` a group chat unless it has one; records it on `dept` (the caller saves `dept`).
pub(super) fn create_group_chat(tx: &mut dyn Tx, env: &Env, caller: &Caller, dept: &mut Department) -> Result<()> {
    if dept.chat.is_some() {
        return Ok(());
    }
    let owner = owner_of(tx, caller, dept)?;
    let mut members: Vec<User> = Vec::new();
    let mut after: Option<UserId> = None;
    loop {
        let page = tx.users_in_department(caller.tenant, dept.id, after, MEMBER_PAGE)?;
        let done = page.len() < MEMBER_PAGE as usize;
        after = page.last().map(|u| u.id);
        members.extend(page.into_iter().filter(|u| {
            dept.group_chat_employee_types.is_empty() || dept.group_chat_employee_types.contains(&u.employee_type)
        }));
        if done {
            break;
        }
        if members.len() as i64 > env.settings.chats.max_members {
            return Err(Error::invalid("create_group_chat", "the department has more members than a chat may hold"));
        }
    }
    dept.chat = Some(create_department_chat(tx, env, dept, &owner, &members)?);
    Ok(())
}

/// The department's main leader if they are still with the tenant, else the tenant's admin.
fn owner_of(tx: &mut dyn Tx, caller: &Caller, dept: &Department) -> Result<User> {
    if let Some(l) = dept.leader
        && let Some(u) = tx.user(caller.tenant, l)?
        && !u.status.is_resigned
    {
        return Ok(u);
    }
    let admin = tx.tenant(caller.tenant)?.and_then(|t| t.creator);
    match admin {
        Some(a) => tx.user(caller.tenant, a)?.ok_or_else(|| Error::Internal("tenant admin vanished".into())),
        None => Err(Error::invalid("create_group_chat", "the department has no leader to own its chat")),
    }
}
