//! `PATCH /contact/v3/users/:user_id/update_user_id`: gives a user a new custom `user_id`. The
//! new id must be a valid custom id (41012) that no other non-resigned user of the tenant holds
//! (41011); open_ids and union_ids do not change. Announced as `contact.user.updated_v3`.

use super::update::{open_for_change, save_change};
use crate::error::{ContactError, Error, Result};
use crate::ids::UserIdType;
use crate::services::ids;
use crate::services::{Caller, Env};
use crate::store::Tx;

pub fn update_user_id(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    raw: &str,
    new_user_id: Option<&str>,
) -> Result<()> {
    let new = new_user_id.unwrap_or("");
    if new.is_empty() {
        return Err(Error::invalid("new_user_id", "is required"));
    }
    if !ids::is_valid_custom_user_id(new) {
        return Err(ContactError::UserIdInvalid.into());
    }
    let current = open_for_change(tx, env, caller, id_type, raw)?;
    if current.user_id == new {
        return Ok(());
    }
    if tx.user_by_user_id(caller.tenant, new)?.is_some_and(|u| !u.status.is_resigned) {
        return Err(ContactError::UserIdTaken.into());
    }
    let mut next = current.clone();
    next.user_id = new.to_owned();
    save_change(tx, env, &current, next)?;
    Ok(())
}
