//! The acceptors of an offboarding (spec §4.3): resolving the ids a request names, and Lark's
//! defaults. Department and external chats are handed over by Roster; the other kinds (docs,
//! calendar, applications, minutes, surveys, AnyCross, mail) live outside Roster, so their
//! acceptors are only recorded, with the direct leader filled in where Lark defaults to them.

use crate::error::{ContactError, Error, Result};
use crate::ids::{UserId, UserIdType};
use crate::model::{Acceptors, EmailAcceptor, User};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// `email_acceptor` as a request gives it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmailAcceptorIds {
    /// 1 transfer, 2 retain, 3 delete.
    pub processing_type: Option<i64>,
    pub acceptor: Option<String>,
}

/// The acceptor ids of a delete request, in its `user_id_type`; empty strings count as absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AcceptorIds {
    pub department_chat: Option<String>,
    pub external_chat: Option<String>,
    pub docs: Option<String>,
    pub calendar: Option<String>,
    pub application: Option<String>,
    pub minutes: Option<String>,
    pub survey: Option<String>,
    pub anycross: Option<String>,
    pub email: Option<EmailAcceptorIds>,
}

/// One acceptor: a usable member of the caller's tenant other than the departing user (41052
/// otherwise, as Lark answers for an acceptor it cannot use).
fn resolve_one(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    departing: &User,
    raw: Option<&str>,
) -> Result<Option<UserId>> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else { return Ok(None) };
    match ids::lookup_user(tx, env, caller, id_type, raw)? {
        Lookup::Found(u) if u.id != departing.id && u.status.is_usable() => Ok(Some(u.id)),
        _ => Err(ContactError::ResignAcceptorInvalid.into()),
    }
}

/// The leader Lark hands unnamed resources to: the departing user's direct leader, when usable.
fn usable_leader(tx: &mut dyn Tx, departing: &User) -> Result<Option<UserId>> {
    let Some(l) = departing.leader else { return Ok(None) };
    Ok(tx.user(departing.tenant, l)?.filter(|u| u.status.is_usable() && u.id != departing.id).map(|u| u.id))
}

/// Resolves the request's acceptors and fills in the defaults: chats keep `None` (the hand-over
/// then picks the earliest member), docs, calendar, applications, minutes and surveys default to
/// the direct leader.
pub fn resolve(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    departing: &User,
    given: &AcceptorIds,
) -> Result<Acceptors> {
    let mut one = |raw: &Option<String>| resolve_one(tx, env, caller, id_type, departing, raw.as_deref());
    let mut a = Acceptors {
        department_chat: one(&given.department_chat)?,
        external_chat: one(&given.external_chat)?,
        docs: one(&given.docs)?,
        calendar: one(&given.calendar)?,
        application: one(&given.application)?,
        minutes: one(&given.minutes)?,
        survey: one(&given.survey)?,
        anycross: one(&given.anycross)?,
        email: None,
    };
    if let Some(e) = &given.email {
        let processing_type = e.processing_type.unwrap_or(2);
        if !(1..=3).contains(&processing_type) {
            return Err(Error::invalid(
                "email_acceptor.processing_type",
                "must be 1 (transfer), 2 (retain) or 3 (delete)",
            ));
        }
        let acceptor = if processing_type == 1 {
            let who = resolve_one(tx, env, caller, id_type, departing, e.acceptor.as_deref())?;
            Some(who.ok_or_else(|| {
                Error::invalid("email_acceptor.acceptor_user_id", "is required when processing_type is 1 (transfer)")
            })?)
        } else {
            None
        };
        a.email = Some(EmailAcceptor { processing_type, acceptor });
    }
    with_leader_defaults(tx, departing, a)
}

/// Fills the kinds Lark hands to the direct leader by default.
pub fn with_leader_defaults(tx: &mut dyn Tx, departing: &User, mut a: Acceptors) -> Result<Acceptors> {
    let leader = usable_leader(tx, departing)?;
    for slot in [&mut a.docs, &mut a.calendar, &mut a.application, &mut a.minutes, &mut a.survey] {
        if slot.is_none() {
            *slot = leader;
        }
    }
    Ok(a)
}
