//! Pure rules of changing a user: which fields a user access token may change, merging a request
//! into the stored profile (PATCH keeps what is not sent, PUT resets it), and the department
//! memberships that result from a new department list and `orders`.

use super::{OrderFields, UserFields};
use crate::error::{ContactError, Error, Result};
use crate::ids::DeptId;
use crate::model::{User, UserDepartment};

/// How a request's fields meet the stored user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeMode {
    /// `PATCH`: fields not sent keep their values.
    Patch,
    /// `PUT`: the body is the whole user; optional fields not sent return to their defaults.
    /// `join_time` is the exception: a date of record, kept unless sent.
    Replace,
}

/// What a user access token may change (of its own user only) [FNS patch].
pub const USER_TOKEN_FIELDS: &[&str] = &["name", "en_name", "avatar_key"];

/// The wire names of the fields `f` sets.
pub fn fields_set(f: &UserFields) -> Vec<&'static str> {
    let flags: [(&'static str, bool); 22] = [
        ("user_id", f.user_id.is_some()),
        ("name", f.name.is_some()),
        ("en_name", f.en_name.is_some()),
        ("nickname", f.nickname.is_some()),
        ("email", f.email.is_some()),
        ("mobile", f.mobile.is_some()),
        ("mobile_visible", f.mobile_visible.is_some()),
        ("gender", f.gender.is_some()),
        ("avatar_key", f.avatar_key.is_some()),
        ("department_ids", f.department_ids.is_some()),
        ("leader_user_id", f.leader_user_id.is_some()),
        ("city", f.city.is_some()),
        ("country", f.country.is_some()),
        ("work_station", f.work_station.is_some()),
        ("join_time", f.join_time.is_some()),
        ("employee_no", f.employee_no.is_some()),
        ("employee_type", f.employee_type.is_some()),
        ("orders", f.orders.is_some()),
        ("custom_attrs", f.custom_attrs.is_some()),
        ("enterprise_email", f.enterprise_email.is_some()),
        ("job_title", f.job_title.is_some()),
        ("is_frozen", f.is_frozen.is_some()),
    ];
    flags.into_iter().filter(|(_, set)| *set).map(|(name, _)| name).collect()
}

/// Refuses, naming the first one, any field a user access token may not change.
pub fn check_user_token_fields(f: &UserFields) -> Result<()> {
    match fields_set(f).into_iter().find(|name| !USER_TOKEN_FIELDS.contains(name)) {
        Some(name) => Err(Error::invalid(name, "a user_access_token may change only name, en_name and avatar_key")),
        None => Ok(()),
    }
}

fn trimmed(v: &str) -> Option<String> {
    let t = v.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn set_text(target: &mut String, v: &Option<String>, mode: ChangeMode) {
    match v {
        Some(s) => *target = s.clone(),
        None if mode == ChangeMode::Replace => target.clear(),
        None => {}
    }
}

/// An optional text: empty (after trimming) clears it.
fn set_opt(target: &mut Option<String>, v: &Option<String>, mode: ChangeMode) {
    match v {
        Some(s) => *target = trimmed(s),
        None if mode == ChangeMode::Replace => *target = None,
        None => {}
    }
}

fn set<T: Copy>(target: &mut T, v: Option<T>, default: T, mode: ChangeMode) {
    match v {
        Some(x) => *target = x,
        None if mode == ChangeMode::Replace => *target = default,
        None => {}
    }
}

/// Applies the profile fields: everything but the ids, the departments and the leader, which
/// need the store. The fields are already validated.
pub fn apply_profile(user: &mut User, f: &UserFields, mode: ChangeMode) {
    if let Some(n) = f.name.as_deref().and_then(trimmed) {
        user.name = n;
    }
    set_text(&mut user.en_name, &f.en_name, mode);
    set_text(&mut user.nickname, &f.nickname, mode);
    set_opt(&mut user.email, &f.email, mode);
    set_opt(&mut user.mobile, &f.mobile, mode);
    set(&mut user.mobile_visible, f.mobile_visible, true, mode);
    set(&mut user.gender, f.gender, 0, mode);
    set_opt(&mut user.avatar_key, &f.avatar_key, mode);
    set_text(&mut user.city, &f.city, mode);
    set_text(&mut user.country, &f.country, mode);
    set_text(&mut user.work_station, &f.work_station, mode);
    if let Some(t) = f.join_time {
        user.join_time = t;
    }
    set_text(&mut user.employee_no, &f.employee_no, mode);
    if let Some(t) = f.employee_type {
        user.employee_type = t;
    }
    match &f.custom_attrs {
        Some(a) => user.custom_attrs = Some(a.clone()).filter(|a| !matches!(a.trim(), "" | "[]" | "null")),
        None if mode == ChangeMode::Replace => user.custom_attrs = None,
        None => {}
    }
    set_opt(&mut user.enterprise_email, &f.enterprise_email, mode);
    set_text(&mut user.job_title, &f.job_title, mode);
    set(&mut user.status.is_frozen, f.is_frozen, false, mode);
}

/// The memberships after a change. `departments` is the new list (`None`: unchanged), already
/// resolved and deduplicated; `orders` are the request's entries with their departments
/// resolved. A PATCH keeps the ordering fields of departments the user stays in; a PUT starts
/// every membership afresh. Exactly one membership ends up primary (the first, unless `orders`
/// says otherwise).
pub fn merge_memberships(
    current: &[UserDepartment],
    departments: Option<&[DeptId]>,
    orders: &[(DeptId, OrderFields)],
    mode: ChangeMode,
) -> Result<Vec<UserDepartment>> {
    let fresh = |d: DeptId| UserDepartment { department: d, user_order: 0, department_order: 0, is_primary: false };
    let mut out: Vec<UserDepartment> = match departments {
        Some(list) => list
            .iter()
            .map(|d| match current.iter().find(|m| m.department == *d) {
                Some(m) if mode == ChangeMode::Patch => *m,
                _ => fresh(*d),
            })
            .collect(),
        None if mode == ChangeMode::Replace => current.iter().map(|m| fresh(m.department)).collect(),
        None => current.to_vec(),
    };
    if orders.iter().filter(|(_, o)| o.is_primary == Some(true)).count() > 1 {
        return Err(Error::invalid("orders", "at most one entry may have is_primary_dept true"));
    }
    for (dept, o) in orders {
        let Some(i) = out.iter().position(|m| m.department == *dept) else {
            return Err(ContactError::OrderDepartmentInvalid.into());
        };
        let m = &mut out[i];
        m.user_order = o.user_order.unwrap_or(m.user_order);
        m.department_order = o.department_order.unwrap_or(m.department_order);
        match o.is_primary {
            Some(true) => {
                for (j, other) in out.iter_mut().enumerate() {
                    other.is_primary = j == i;
                }
            }
            Some(false) => m.is_primary = false,
            None => {}
        }
    }
    let mut seen_primary = false;
    for m in &mut out {
        m.is_primary = m.is_primary && !seen_primary;
        seen_primary |= m.is_primary;
    }
    if !seen_primary && let Some(first) = out.first_mut() {
        first.is_primary = true;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(d: i64, order: i64, primary: bool) -> UserDepartment {
        UserDepartment { department: DeptId(d), user_order: order, department_order: 0, is_primary: primary }
    }

    fn order(d: i64, user_order: Option<i64>, primary: Option<bool>) -> (DeptId, OrderFields) {
        (DeptId(d), OrderFields { department_id: None, user_order, department_order: None, is_primary: primary })
    }

    #[test]
    fn memberships_after_a_change() {
        use ChangeMode::*;
        let current = [m(1, 5, false), m(2, 7, true)];
        type Case =
            (&'static str, Option<Vec<i64>>, Vec<(DeptId, OrderFields)>, ChangeMode, Result<Vec<UserDepartment>>);
        let cases: Vec<Case> = vec![
            ("nothing sent keeps all", None, vec![], Patch, Ok(current.to_vec())),
            ("put without departments resets orders", None, vec![], Replace, Ok(vec![m(1, 0, true), m(2, 0, false)])),
            (
                "patch keeps orders of kept departments",
                Some(vec![2, 3]),
                vec![],
                Patch,
                Ok(vec![m(2, 7, true), m(3, 0, false)]),
            ),
            (
                "the first becomes primary when the primary leaves",
                Some(vec![1, 3]),
                vec![],
                Patch,
                Ok(vec![m(1, 5, true), m(3, 0, false)]),
            ),
            ("put starts afresh", Some(vec![2, 1]), vec![], Replace, Ok(vec![m(2, 0, true), m(1, 0, false)])),
            (
                "an order moves the primary",
                None,
                vec![order(1, Some(9), Some(true))],
                Patch,
                Ok(vec![m(1, 9, true), m(2, 7, false)]),
            ),
            (
                "an order for a department left behind",
                Some(vec![2]),
                vec![order(1, Some(1), None)],
                Patch,
                Err(ContactError::OrderDepartmentInvalid.into()),
            ),
            (
                "two primaries",
                None,
                vec![order(1, None, Some(true)), order(2, None, Some(true))],
                Patch,
                Err(Error::invalid("orders", "at most one entry may have is_primary_dept true")),
            ),
            (
                "unsetting the only primary falls back to the first",
                None,
                vec![order(2, None, Some(false))],
                Patch,
                Ok(vec![m(1, 5, true), m(2, 7, false)]),
            ),
        ];
        for (name, depts, orders, mode, want) in cases {
            let depts: Option<Vec<DeptId>> = depts.map(|d| d.into_iter().map(DeptId).collect());
            assert_eq!(merge_memberships(&current, depts.as_deref(), &orders, mode), want, "{name}");
        }
    }

    #[test]
    fn user_tokens_change_only_their_names_and_avatar() {
        let ok = UserFields {
            name: Some("A".into()),
            en_name: Some("B".into()),
            avatar_key: Some("k".into()),
            ..Default::default()
        };
        assert_eq!(check_user_token_fields(&ok), Ok(()));
        let frozen = UserFields { name: Some("A".into()), is_frozen: Some(true), ..Default::default() };
        assert!(
            matches!(check_user_token_fields(&frozen), Err(Error::InvalidParam { field, .. }) if field == "is_frozen")
        );
        let depts = UserFields { department_ids: Some(vec![]), ..Default::default() };
        assert!(
            matches!(check_user_token_fields(&depts), Err(Error::InvalidParam { field, .. }) if field == "department_ids")
        );
    }

    #[test]
    fn patch_keeps_what_is_not_sent_and_put_resets_it() {
        let base = User {
            id: crate::ids::UserId(1),
            tenant: crate::ids::TenantId(1),
            account: crate::ids::AccountId(1),
            user_id: "u".into(),
            name: "Ada".into(),
            en_name: "Ada L".into(),
            nickname: "ada".into(),
            email: Some("a@x.io".into()),
            mobile: Some("+15550001".into()),
            mobile_visible: false,
            gender: 2,
            avatar_key: Some("k".into()),
            leader: None,
            city: "London".into(),
            country: "UK".into(),
            work_station: "W1".into(),
            join_time: 100,
            is_tenant_manager: false,
            employee_no: "E1".into(),
            employee_type: 2,
            enterprise_email: Some("ada@corp.io".into()),
            job_title: "Countess".into(),
            custom_attrs: Some("[{\"id\":\"C\"}]".into()),
            status: crate::model::UserStatus { is_frozen: true, ..Default::default() },
            departments: vec![],
            created_at: crate::clock::Timestamp(0),
            updated_at: crate::clock::Timestamp(0),
            resigned_at: None,
        };
        let f = UserFields { name: Some("  Ada B ".into()), email: Some(String::new()), ..Default::default() };
        let mut patched = base.clone();
        apply_profile(&mut patched, &f, ChangeMode::Patch);
        assert_eq!((patched.name.as_str(), patched.email.as_deref()), ("Ada B", None));
        assert_eq!(User { name: base.name.clone(), email: base.email.clone(), ..patched }, base, "nothing else moved");

        let f = UserFields { name: Some("Ada".into()), employee_type: Some(1), ..Default::default() };
        let mut replaced = base.clone();
        apply_profile(&mut replaced, &f, ChangeMode::Replace);
        assert_eq!(replaced.en_name, "");
        assert_eq!((replaced.email.as_deref(), replaced.mobile.as_deref()), (None, None));
        assert!(replaced.mobile_visible && !replaced.status.is_frozen);
        assert_eq!((replaced.gender, replaced.employee_type, replaced.join_time), (0, 1, 100));
        assert_eq!((replaced.custom_attrs.as_deref(), replaced.avatar_key.as_deref()), (None, None));

        let mut cleared = base.clone();
        apply_profile(
            &mut cleared,
            &UserFields { custom_attrs: Some("[]".into()), ..Default::default() },
            ChangeMode::Patch,
        );
        assert_eq!(cleared.custom_attrs, None);
    }
}
