//! `POST /contact/v3/users/batch_get_id`: who has these emails and mobiles. One entry per
//! distinct email, then per distinct mobile, in request order; an entry has a user only when
//! one is found inside the app's contact scope (else the caller learns nothing about it).
//! Matching is exact, except that a mobile without a `+` country code also matches `+86`
//! followed by it, as Feishu reads such numbers.

use crate::error::{Error, Result};
use crate::model::User;
use crate::services::ids;
use crate::services::{Caller, Env};
use crate::store::Tx;

/// The request: up to 50 emails and 50 mobiles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactLookup {
    pub emails: Vec<String>,
    pub mobiles: Vec<String>,
    /// Also match users who have resigned (a current member is preferred).
    pub include_resigned: bool,
}

/// What an entry was looked up by.
#[derive(Debug, Clone, PartialEq)]
pub enum ContactKey {
    Email(String),
    Mobile(String),
}

/// One entry of the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactMatch {
    pub key: ContactKey,
    pub user: Option<User>,
}

/// The mobiles stored for a mobile as the caller wrote it.
fn mobile_spellings(m: &str) -> Vec<String> {
    if m.starts_with('+') || m.is_empty() { vec![m.to_owned()] } else { vec![m.to_owned(), format!("+86{m}")] }
}

fn distinct(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

pub fn batch_get_id(tx: &mut dyn Tx, env: &Env, caller: &Caller, q: &ContactLookup) -> Result<Vec<ContactMatch>> {
    let max = env.settings.contact.max_batch_ids;
    if q.emails.is_empty() && q.mobiles.is_empty() {
        return Err(Error::invalid("emails", "emails or mobiles is required"));
    }
    if q.emails.len() > max {
        return Err(Error::invalid("emails", format!("takes at most {max} emails")));
    }
    if q.mobiles.len() > max {
        return Err(Error::invalid("mobiles", format!("takes at most {max} mobiles")));
    }
    let emails = distinct(&q.emails);
    let mobiles = distinct(&q.mobiles);
    let by_email = tx.users_by_emails(caller.tenant, &emails, q.include_resigned)?;
    let spellings: Vec<String> = mobiles.iter().flat_map(|m| mobile_spellings(m)).collect();
    let by_mobile = tx.users_by_mobiles(caller.tenant, &spellings, q.include_resigned)?;
    let mut out = Vec::with_capacity(emails.len() + mobiles.len());
    for e in emails {
        // The store lists current members before resigned ones.
        let user = by_email.iter().find(|u| u.email.as_deref() == Some(e.as_str())).cloned();
        out.push(ContactMatch { user: visible(tx, caller, user)?, key: ContactKey::Email(e) });
    }
    for m in mobiles {
        let forms = mobile_spellings(&m);
        let user = by_mobile.iter().find(|u| u.mobile.as_ref().is_some_and(|x| forms.contains(x))).cloned();
        out.push(ContactMatch { user: visible(tx, caller, user)?, key: ContactKey::Mobile(m) });
    }
    Ok(out)
}

fn visible(tx: &mut dyn Tx, caller: &Caller, user: Option<User>) -> Result<Option<User>> {
    match user {
        Some(u) if ids::scope_covers_user(tx, caller, &u)? => Ok(Some(u)),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_without_a_country_code_read_as_mainland_numbers() {
        assert_eq!(mobile_spellings("+15550001"), ["+15550001"]);
        assert_eq!(mobile_spellings("13800000000"), ["13800000000", "+8613800000000"]);
        assert_eq!(distinct(&["a".into(), "b".into(), "a".into()]), ["a", "b"]);
    }
}
