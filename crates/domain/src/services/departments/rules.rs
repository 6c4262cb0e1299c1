//! The department rules that need no store: custom ids, names, orders, employee types, units,
//! and how `leader_user_id` and `leaders` combine into the department's leaders.

use crate::error::{ContactError, Error, Result};
use crate::ids::UserId;
use crate::model::{DepartmentLeader, I18nNames, ROOT_DEPARTMENT_ID};

/// Departments nest at most this deep below the root (43019 beyond).
pub const MAX_DEPTH: usize = 25;
/// A department has at most this many direct children (43013 beyond).
pub const MAX_CHILDREN: i64 = 1000;
/// Names (and each i18n name) are at most this many characters.
pub const MAX_NAME_CHARS: usize = 100;
/// A department belongs to at most this many units (Lark: "currently only one").
pub const MAX_UNITS: usize = 1;

/// Leader types of `leaders[].leaderType`.
pub const MAIN_LEADER: i64 = 1;
pub const DEPUTY_LEADER: i64 = 2;

/// Custom department ids: `^[a-zA-Z0-9][a-zA-Z0-9_\-@.]{0,63}$`, and neither `0`, `1` (Lark
/// reserves both) nor `od-…` (open department ids).
pub fn is_valid_custom_department_id(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else { return false };
    first.is_ascii_alphanumeric()
        && s.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '@' | '.'))
        && s != ROOT_DEPARTMENT_ID
        && s != "1"
        && !s.starts_with("od-")
}

/// A department name: trimmed, not empty (40016), without `/` (43029), at most 100 characters.
pub fn check_name(raw: Option<&str>) -> Result<String> {
    let name = raw.map(str::trim).unwrap_or("");
    if name.is_empty() {
        return Err(ContactError::DeptNameEmpty.into());
    }
    if name.contains('/') {
        return Err(ContactError::DeptNameHasSeparator.into());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid("name", "at most 100 characters"));
    }
    Ok(name.to_owned())
}

/// The i18n names, trimmed, empty ones dropped; the same rules as the name apart from emptiness.
pub fn check_i18n(i18n: &I18nNames) -> Result<I18nNames> {
    let one = |field: &str, v: &Option<String>| -> Result<Option<String>> {
        let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
        if v.contains('/') {
            return Err(ContactError::DeptNameHasSeparator.into());
        }
        if v.chars().count() > MAX_NAME_CHARS {
            return Err(Error::invalid(format!("i18n_name.{field}"), "at most 100 characters"));
        }
        Ok(Some(v.to_owned()))
    };
    Ok(I18nNames {
        zh_cn: one("zh_cn", &i18n.zh_cn)?,
        ja_jp: one("ja_jp", &i18n.ja_jp)?,
        en_us: one("en_us", &i18n.en_us)?,
    })
}

/// Whether two departments share an i18n name in the same language.
pub fn i18n_clash(a: &I18nNames, b: &I18nNames) -> bool {
    let same = |x: &Option<String>, y: &Option<String>| x.is_some() && x == y;
    same(&a.zh_cn, &b.zh_cn) || same(&a.ja_jp, &b.ja_jp) || same(&a.en_us, &b.en_us)
}

/// `order` is a non-negative integer (smaller sorts first).
pub fn check_order(order: i64) -> Result<i64> {
    if order < 0 { Err(Error::invalid("order", "must be a non-negative integer")) } else { Ok(order) }
}

/// `group_chat_employee_types`: employee types 1–5 (43026 otherwise), duplicates dropped.
pub fn check_employee_types(types: &[i64]) -> Result<Vec<i64>> {
    let mut out: Vec<i64> = Vec::with_capacity(types.len());
    for t in types {
        if !(1..=5).contains(t) {
            return Err(ContactError::DeptEmployeeTypeInvalid.into());
        }
        if !out.contains(t) {
            out.push(*t);
        }
    }
    Ok(out)
}

/// `unit_ids`: at most one, each 1–64 printable ASCII characters (43004 otherwise).
pub fn check_units(units: &[String]) -> Result<Vec<String>> {
    let ok = |u: &String| (1..=64).contains(&u.len()) && u.bytes().all(|b| b.is_ascii_graphic());
    if units.len() > MAX_UNITS || !units.iter().all(ok) {
        return Err(ContactError::DeptUnitInvalid.into());
    }
    Ok(units.to_vec())
}

/// What a request says about `leader_user_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaderChange {
    /// Not sent: unchanged (patch) or none (create, update).
    Keep,
    /// Sent empty: no main leader.
    Clear,
    Set(UserId),
}

/// The department's main leader and leaders after a request. `leader_user_id` and the main
/// entry of `leaders` always agree (Lark keeps them in step): setting one sets the other, and a
/// request that sends both must name the same person. `leaders`, when sent, replaces the list
/// (empty clears it) and must name exactly one main leader and nobody twice (43016).
pub fn combine_leaders(
    old_leader: Option<UserId>,
    old_leaders: &[DepartmentLeader],
    leader: LeaderChange,
    leaders: Option<&[DepartmentLeader]>,
) -> Result<(Option<UserId>, Vec<DepartmentLeader>)> {
    match leaders {
        Some(list) if !list.is_empty() => {
            if let Some(bad) = list.iter().find(|l| !matches!(l.leader_type, MAIN_LEADER | DEPUTY_LEADER)) {
                return Err(Error::invalid(
                    "leaders.leaderType",
                    format!("{} is neither 1 (main) nor 2 (deputy)", bad.leader_type),
                ));
            }
            let mut seen: Vec<UserId> = Vec::with_capacity(list.len());
            for l in list {
                if seen.contains(&l.user) {
                    return Err(ContactError::DeptLeadersRepeated.into());
                }
                seen.push(l.user);
            }
            let mains: Vec<UserId> = list.iter().filter(|l| l.leader_type == MAIN_LEADER).map(|l| l.user).collect();
            let main = match mains[..] {
                [one] => one,
                [] => return Err(Error::invalid("leaders", "must name one main leader (leaderType 1)")),
                _ => return Err(ContactError::DeptLeadersRepeated.into()),
            };
            match leader {
                LeaderChange::Set(u) if u != main => {
                    Err(Error::invalid("leader_user_id", "must be the main leader of leaders"))
                }
                LeaderChange::Clear => Err(Error::invalid("leader_user_id", "must be the main leader of leaders")),
                _ => Ok((Some(main), list.to_vec())),
            }
        }
        Some(_) => match leader {
            LeaderChange::Set(u) => Ok((Some(u), vec![DepartmentLeader { leader_type: MAIN_LEADER, user: u }])),
            LeaderChange::Keep | LeaderChange::Clear => Ok((None, vec![])),
        },
        None => match leader {
            LeaderChange::Keep => Ok((old_leader, old_leaders.to_vec())),
            LeaderChange::Clear => {
                Ok((None, old_leaders.iter().filter(|l| l.leader_type != MAIN_LEADER).copied().collect()))
            }
            LeaderChange::Set(u) => {
                let mut out = vec![DepartmentLeader { leader_type: MAIN_LEADER, user: u }];
                out.extend(old_leaders.iter().filter(|l| l.leader_type != MAIN_LEADER && l.user != u).copied());
                Ok((Some(u), out))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_department_ids() {
        for (s, ok) in [
            ("D096", true),
            ("a-b_c@d.e", true),
            ("10", true),
            ("0", false),
            ("1", false),
            ("od-abc", false),
            ("-x", false),
            ("", false),
            ("a b", false),
            ("a/b", false),
        ] {
            assert_eq!(is_valid_custom_department_id(s), ok, "{s}");
        }
        assert!(is_valid_custom_department_id(&"x".repeat(64)));
        assert!(!is_valid_custom_department_id(&"x".repeat(65)));
    }

    #[test]
    fn names() {
        let cases: &[(Option<&str>, Result<&str>)] = &[
            (Some(" Eng "), Ok("Eng")),
            (None, Err(ContactError::DeptNameEmpty.into())),
            (Some("  "), Err(ContactError::DeptNameEmpty.into())),
            (Some("R/D"), Err(ContactError::DeptNameHasSeparator.into())),
        ];
        for (raw, want) in cases {
            assert_eq!(check_name(*raw).as_deref().map_err(Clone::clone), want.clone(), "{raw:?}");
        }
        assert!(matches!(check_name(Some(&"é".repeat(101))), Err(Error::InvalidParam { .. })));
        assert!(check_name(Some(&"é".repeat(100))).is_ok());
        let i = I18nNames { zh_cn: Some(" 研发 ".into()), ja_jp: Some("".into()), en_us: None };
        assert_eq!(check_i18n(&i).unwrap(), I18nNames { zh_cn: Some("研发".into()), ja_jp: None, en_us: None });
        let bad = I18nNames { en_us: Some("R/D".into()), ..Default::default() };
        assert_eq!(check_i18n(&bad), Err(ContactError::DeptNameHasSeparator.into()));
    }

    #[test]
    fn i18n_clashes_need_the_same_language() {
        let zh = |s: &str| I18nNames { zh_cn: Some(s.into()), ..Default::default() };
        let en = |s: &str| I18nNames { en_us: Some(s.into()), ..Default::default() };
        assert!(i18n_clash(&zh("研发"), &zh("研发")));
        assert!(!i18n_clash(&zh("研发"), &en("研发")));
        assert!(!i18n_clash(&I18nNames::default(), &I18nNames::default()));
    }

    #[test]
    fn orders_types_and_units() {
        assert_eq!(check_order(0), Ok(0));
        assert!(check_order(-1).is_err());
        assert_eq!(check_employee_types(&[1, 5, 1]), Ok(vec![1, 5]));
        assert_eq!(check_employee_types(&[6]), Err(ContactError::DeptEmployeeTypeInvalid.into()));
        assert_eq!(check_employee_types(&[0]), Err(ContactError::DeptEmployeeTypeInvalid.into()));
        assert_eq!(check_units(&["u1".into()]), Ok(vec!["u1".to_owned()]));
        assert_eq!(check_units(&["a".into(), "b".into()]), Err(ContactError::DeptUnitInvalid.into()));
        assert_eq!(check_units(&["".into()]), Err(ContactError::DeptUnitInvalid.into()));
    }

    #[test]
    fn leaders_combine() {
        let (a, b, c) = (UserId(1), UserId(2), UserId(3));
        let main = |u| DepartmentLeader { leader_type: MAIN_LEADER, user: u };
        let deputy = |u| DepartmentLeader { leader_type: DEPUTY_LEADER, user: u };
        let old = [main(a), deputy(b)];
        type Case<'a> =
            (&'a str, LeaderChange, Option<Vec<DepartmentLeader>>, Result<(Option<UserId>, Vec<DepartmentLeader>)>);
        let invalid = |f: &str| -> Error { Error::InvalidParam { field: f.into(), reason: String::new() } };
        let cases: Vec<Case> = vec![
            ("nothing sent keeps", LeaderChange::Keep, None, Ok((Some(a), old.to_vec()))),
            ("new main keeps deputies", LeaderChange::Set(c), None, Ok((Some(c), vec![main(c), deputy(b)]))),
            ("deputy promoted", LeaderChange::Set(b), None, Ok((Some(b), vec![main(b)]))),
            ("clear main keeps deputies", LeaderChange::Clear, None, Ok((None, vec![deputy(b)]))),
            ("empty list clears", LeaderChange::Keep, Some(vec![]), Ok((None, vec![]))),
            ("empty list with leader", LeaderChange::Set(c), Some(vec![]), Ok((Some(c), vec![main(c)]))),
            (
                "list sets leader",
                LeaderChange::Keep,
                Some(vec![deputy(a), main(c)]),
                Ok((Some(c), vec![deputy(a), main(c)])),
            ),
            ("both agree", LeaderChange::Set(c), Some(vec![main(c)]), Ok((Some(c), vec![main(c)]))),
            ("both disagree", LeaderChange::Set(a), Some(vec![main(c)]), Err(invalid("leader_user_id"))),
            ("no main", LeaderChange::Keep, Some(vec![deputy(c)]), Err(invalid("leaders"))),
            (
                "two mains",
                LeaderChange::Keep,
                Some(vec![main(a), main(c)]),
                Err(ContactError::DeptLeadersRepeated.into()),
            ),
            (
                "same user twice",
                LeaderChange::Keep,
                Some(vec![main(a), deputy(a)]),
                Err(ContactError::DeptLeadersRepeated.into()),
            ),
            (
                "bad type",
                LeaderChange::Keep,
                Some(vec![DepartmentLeader { leader_type: 3, user: a }]),
                Err(invalid("leaders.leaderType")),
            ),
        ];
        for (name, change, list, want) in cases {
            let got = combine_leaders(Some(a), &old, change, list.as_deref());
            match (got, want) {
                (Err(Error::InvalidParam { field, .. }), Err(Error::InvalidParam { field: want, .. })) => {
                    assert_eq!(field, want, "{name}")
                }
                (got, want) => assert_eq!(got, want, "{name}"),
            }
        }
    }
}
