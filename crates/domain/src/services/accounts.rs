//! Accounts: password sign-in (by email or mobile; several accounts may share either) and what a
//! first sign-in does to a member's status (Invited/Inactive → Active).

use crate::error::{AuthError, Result};
use crate::events::contact::UserUpdated;
use crate::model::{Account, AccountStatus, NewEvent, User};
use crate::password;
use crate::services::Env;
use crate::store::Tx;

/// The active account whose email or mobile is `login` and whose password is `password`.
/// Accounts without a password never match; a wrong password is indistinguishable from an
/// unknown login.
pub fn verify_password(tx: &mut dyn Tx, login: &str, pw: &str) -> Result<Account> {
    let login = login.trim();
    let mut candidates = if login.contains('@') { tx.accounts_by_email(login)? } else { tx.accounts_by_mobile(login)? };
    candidates.retain(|a| a.status == AccountStatus::Active);
    if !candidates.iter().any(|a| a.password_hash.is_some()) {
        // An unknown login costs one argon2 check too, so timing does not tell which logins exist.
        password::verify(pw, DECOY_HASH);
        return Err(AuthError::BadCredentials.into());
    }
    candidates
        .into_iter()
        .find(|a| a.password_hash.as_deref().is_some_and(|h| password::verify(pw, h)))
        .ok_or_else(|| AuthError::BadCredentials.into())
}

/// An argon2id hash (default parameters) of a password nobody uses, checked against when a login
/// has no password to compare with.
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$uQBH+jBu5qq3pwXyPg2rlg$GefwsrTszTNUPDSOogzv2FNciUPazO1+g8bp4Wjf4fo";

/// The memberships an account may sign in to: not resigned, not exited, not frozen.
pub fn usable_users(tx: &mut dyn Tx, account: &Account) -> Result<Vec<User>> {
    let mut users = tx.users_of_account(account.id)?;
    users.retain(|u| u.status.is_usable());
    Ok(users)
}

/// Records a sign-in of `user`: an Invited or Inactive member becomes Active (`is_unjoin` off,
/// `is_activated` on), announced as `contact.user.updated_v3`. Idempotent.
pub fn mark_signed_in(tx: &mut dyn Tx, env: &Env, user: &User) -> Result<User> {
    if user.status.is_activated && !user.status.is_unjoin {
        return Ok(user.clone());
    }
    let mut updated = user.clone();
    updated.status.is_activated = true;
    updated.status.is_unjoin = false;
    updated.updated_at = env.now;
    tx.update_user(&updated)?;
    tx.append_event(&NewEvent::of(updated.tenant, &UserUpdated { user: updated.clone(), old: user.clone() }, env.now))?;
    Ok(updated)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_decoy_is_a_real_argon2_hash_of_another_password() {
        let parsed = argon2::password_hash::phc::PasswordHash::new(super::DECOY_HASH);
        assert!(parsed.is_ok(), "a malformed decoy would be checked in no time");
        assert!(!crate::password::verify("roster-demo", super::DECOY_HASH));
        assert!(crate::password::verify("roster-unused-dummy", super::DECOY_HASH));
    }
}
