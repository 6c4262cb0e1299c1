//! Sorting the ids of an add-members call into those that can join and those reported or refused,
//! by `succeed_type` exactly as spec §3.5 defines it. Pure functions with tables of cases.
//!
//! - 0 (default): unknown ids (malformed, minted elsewhere, or naming nobody) and ids invisible
//!   to the app fail the whole call; resigned, frozen and not-yet-joined users are skipped and
//!   reported in `invalid_id_list` while the rest join.
//! - 1: everything usable joins; `invalid_id_list` reports malformed, foreign, resigned, frozen,
//!   not-yet-joined and invisible ids, `not_existed_id_list` well-formed ids that name nobody.
//! - 2: any unusable id fails the call (232043), listing every one with its reason.

use crate::error::{ChatError, Error, Unusable};
use crate::ids::UserIdType;
use crate::model::UserStatus;

/// `succeed_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SucceedType {
    #[default]
    FailOnUnknown,
    AddAvailable,
    FailOnAny,
}

impl SucceedType {
    pub fn from_code(n: i64) -> Option<Self> {
        match n {
            0 => Some(Self::FailOnUnknown),
            1 => Some(Self::AddAvailable),
            2 => Some(Self::FailOnAny),
            _ => None,
        }
    }
}

/// Whether a resolved user can be added: resigned (or left), frozen, not yet joined, invisible.
pub fn judge_user(status: UserStatus, visible: bool) -> Result<(), Unusable> {
    if status.is_resigned || status.is_exited {
        Err(Unusable::Resigned)
    } else if status.is_frozen {
        Err(Unusable::Frozen)
    } else if status.is_unjoin {
        Err(Unusable::NotJoined)
    } else if !visible {
        Err(Unusable::Invisible)
    } else {
        Ok(())
    }
}

/// Which kind of ids a call names: users in one id type, or bots by app_id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdFamily {
    User(UserIdType),
    Bot,
}

/// One id of the call and what it resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<T> {
    pub raw: String,
    pub outcome: Result<T, Unusable>,
}

/// The ids sorted: what may join, and what the response reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Sorted<T> {
    pub usable: Vec<(String, T)>,
    pub invalid: Vec<String>,
    pub not_existed: Vec<String>,
}

fn unknown(u: Unusable) -> bool {
    matches!(u, Unusable::Malformed | Unusable::ForeignScope | Unusable::NotExist)
}

/// Sorts `entries` by `st`, or fails the call the way `st` says.
pub fn sort<T>(st: SucceedType, family: IdFamily, entries: Vec<Entry<T>>) -> Result<Sorted<T>, Error> {
    let mut out = Sorted { usable: Vec::new(), invalid: Vec::new(), not_existed: Vec::new() };
    let mut refused: Vec<(String, Unusable)> = Vec::new();
    for e in entries {
        match e.outcome {
            Ok(t) => out.usable.push((e.raw, t)),
            Err(u) => refused.push((e.raw, u)),
        }
    }
    match st {
        SucceedType::FailOnAny if !refused.is_empty() => Err(ChatError::UnavailableIds { ids: refused }.into()),
        SucceedType::FailOnAny => Ok(out),
        SucceedType::AddAvailable => {
            for (raw, u) in refused {
                if u == Unusable::NotExist { out.not_existed.push(raw) } else { out.invalid.push(raw) }
            }
            Ok(out)
        }
        SucceedType::FailOnUnknown => {
            let cross_app: Vec<String> = refused
                .iter()
                .filter(|(_, u)| *u == Unusable::ForeignScope && family == IdFamily::User(UserIdType::OpenId))
                .map(|(r, _)| r.clone())
                .collect();
            if !cross_app.is_empty() {
                return Err(Error::OpenIdCrossApp { ids: cross_app });
            }
            let missing: Vec<String> = refused.iter().filter(|(_, u)| unknown(*u)).map(|(r, _)| r.clone()).collect();
            if !missing.is_empty() {
                return Err(match family {
                    IdFamily::User(id_type) => Error::UsersNotExist { id_type, ids: missing },
                    IdFamily::Bot => ChatError::BotNotFound { ids: missing }.into(),
                });
            }
            let invisible: Vec<String> =
                refused.iter().filter(|(_, u)| *u == Unusable::Invisible).map(|(r, _)| r.clone()).collect();
            if !invisible.is_empty() {
                return Err(ChatError::NoVisibility { ids: invisible }.into());
            }
            out.invalid = refused.into_iter().map(|(r, _)| r).collect();
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Unusable::*;

    fn entries(spec: &[(&str, Option<Unusable>)]) -> Vec<Entry<u32>> {
        spec.iter()
            .enumerate()
            .map(|(i, (raw, u))| Entry { raw: raw.to_string(), outcome: u.map_or(Ok(i as u32), Err) })
            .collect()
    }

    fn raws(v: &[(String, u32)]) -> Vec<&str> {
        v.iter().map(|(r, _)| r.as_str()).collect()
    }

    #[test]
    fn user_facts() {
        let ok = UserStatus { is_activated: true, ..UserStatus::default() };
        let cases = [
            (ok, true, Ok(())),
            (UserStatus { is_resigned: true, ..ok }, true, Err(Resigned)),
            (UserStatus { is_exited: true, ..ok }, true, Err(Resigned)),
            (UserStatus { is_frozen: true, ..ok }, true, Err(Frozen)),
            (UserStatus { is_unjoin: true, ..ok }, true, Err(NotJoined)),
            (ok, false, Err(Invisible)),
            (UserStatus { is_resigned: true, is_frozen: true, ..ok }, false, Err(Resigned)),
        ];
        for (status, visible, want) in cases {
            assert_eq!(judge_user(status, visible), want, "{status:?} visible={visible}");
        }
    }

    #[test]
    fn succeed_type_0_skips_the_inactive_and_fails_on_the_unknown() {
        let fam = IdFamily::User(UserIdType::OpenId);
        let got =
            sort(SucceedType::FailOnUnknown, fam, entries(&[("a", None), ("r", Some(Resigned)), ("f", Some(Frozen))]))
                .unwrap();
        assert_eq!(raws(&got.usable), ["a"]);
        assert_eq!(got.invalid, ["r", "f"]);
        assert!(got.not_existed.is_empty());

        type Spec<'a> = &'a [(&'a str, Option<Unusable>)];
        let cases: &[(Spec, Error)] = &[
            (
                &[("a", None), ("x", Some(NotExist)), ("m", Some(Malformed))],
                Error::UsersNotExist { id_type: UserIdType::OpenId, ids: vec!["x".into(), "m".into()] },
            ),
            (&[("a", None), ("o", Some(ForeignScope))], Error::OpenIdCrossApp { ids: vec!["o".into()] }),
            (&[("a", None), ("i", Some(Invisible))], ChatError::NoVisibility { ids: vec!["i".into()] }.into()),
        ];
        for (spec, want) in cases {
            assert_eq!(sort(SucceedType::FailOnUnknown, fam, entries(spec)).unwrap_err(), *want, "{spec:?}");
        }
        let union = IdFamily::User(UserIdType::UnionId);
        assert_eq!(
            sort(SucceedType::FailOnUnknown, union, entries(&[("u", Some(ForeignScope))])).unwrap_err(),
            Error::UsersNotExist { id_type: UserIdType::UnionId, ids: vec!["u".into()] },
            "a union_id of another developer names nobody here"
        );
        assert_eq!(
            sort(SucceedType::FailOnUnknown, IdFamily::Bot, entries(&[("cli_x", Some(NotExist))])).unwrap_err(),
            ChatError::BotNotFound { ids: vec!["cli_x".into()] }.into()
        );
    }

    #[test]
    fn succeed_type_1_reports_everything() {
        let spec = [
            ("a", None),
            ("x", Some(NotExist)),
            ("m", Some(Malformed)),
            ("o", Some(ForeignScope)),
            ("r", Some(Resigned)),
            ("i", Some(Invisible)),
            ("j", Some(NotJoined)),
            ("b", None),
        ];
        let got = sort(SucceedType::AddAvailable, IdFamily::User(UserIdType::OpenId), entries(&spec)).unwrap();
        assert_eq!(raws(&got.usable), ["a", "b"]);
        assert_eq!(got.invalid, ["m", "o", "r", "i", "j"]);
        assert_eq!(got.not_existed, ["x"]);
    }

    #[test]
    fn succeed_type_2_fails_on_anything_unusable() {
        let fam = IdFamily::User(UserIdType::UserId);
        let ok = sort(SucceedType::FailOnAny, fam, entries(&[("a", None), ("b", None)])).unwrap();
        assert_eq!(raws(&ok.usable), ["a", "b"]);
        let err =
            sort(SucceedType::FailOnAny, fam, entries(&[("a", None), ("r", Some(Resigned)), ("x", Some(NotExist))]));
        assert_eq!(
            err.unwrap_err(),
            ChatError::UnavailableIds { ids: vec![("r".into(), Resigned), ("x".into(), NotExist)] }.into()
        );
    }

    #[test]
    fn succeed_type_codes() {
        assert_eq!(SucceedType::from_code(0), Some(SucceedType::FailOnUnknown));
        assert_eq!(SucceedType::from_code(2), Some(SucceedType::FailOnAny));
        assert_eq!(SucceedType::from_code(3), None);
    }
}
