//! Department wire types to domain types and back, in the caller's id types, and the page
//! tokens of the tree lists.

use crate::http::errors::ApiError;
use roster_domain::error::ContactError;
use roster_domain::ids::DeptId;
use roster_domain::model::{App, I18nNames};
use roster_domain::services::Env;
use roster_domain::services::departments::{DepartmentFields, DepartmentView};
use roster_domain::services::users::IdTypes;
use roster_domain::store::TreePos;
use roster_proto::contact as wire;

pub fn department_fields(b: wire::DepartmentBody) -> DepartmentFields {
    DepartmentFields {
        name: b.name,
        i18n: b.i18n_name.map(|i| I18nNames { zh_cn: i.zh_cn, ja_jp: i.ja_jp, en_us: i.en_us }),
        parent_department_id: b.parent_department_id,
        department_id: b.department_id,
        leader_user_id: b.leader_user_id,
        order: b.order,
        unit_ids: b.unit_ids,
        leaders: b
            .leaders
            .map(|ls| ls.into_iter().map(|l| (l.leader_type.unwrap_or(1), l.leader_id.unwrap_or_default())).collect()),
        group_chat_employee_types: b.group_chat_employee_types,
        create_group_chat: b.create_group_chat,
    }
}

/// The department object in the caller's id types.
pub fn department_to_wire(env: &Env, app: &App, ids: IdTypes, v: &DepartmentView) -> wire::Department {
    let d = &v.department;
    let i18n = &d.i18n;
    wire::Department {
        name: d.name.clone(),
        i18n_name: (i18n.zh_cn.is_some() || i18n.ja_jp.is_some() || i18n.en_us.is_some()).then(|| wire::I18nName {
            zh_cn: i18n.zh_cn.clone(),
            ja_jp: i18n.ja_jp.clone(),
            en_us: i18n.en_us.clone(),
        }),
        parent_department_id: v
            .parent
            .as_ref()
            .map(|p| env.render_department_id(ids.department, p))
            .unwrap_or_default(),
        department_id: d.department_id.clone(),
        open_department_id: env.open_department_id(d),
        leader_user_id: v.leader.as_ref().map(|l| env.render_user_id(app, ids.user, l)),
        chat_id: d.chat.map(|c| env.chat_id(c)),
        order: d.order.to_string(),
        unit_ids: d.unit_ids.clone(),
        member_count: v.counts.members,
        primary_member_count: v.counts.primary,
        status: wire::DepartmentStatus { is_deleted: d.deleted },
        leaders: v
            .leaders
            .iter()
            .map(|(t, u)| wire::DepartmentLeader {
                leader_type: Some(*t),
                leader_id: Some(env.render_user_id(app, ids.user, u)),
            })
            .collect(),
        group_chat_employee_types: d.group_chat_employee_types.clone(),
    }
}

fn bad_token() -> ApiError {
    ApiError::Domain(ContactError::PageTokenInvalid.into())
}

/// A children page token: the walk position of the last department, `order.id` per level,
/// joined by `-` (e.g. `3.17-0.42`).
pub fn encode_tree_token(p: &TreePos) -> String {
    p.0.iter().map(|(o, id)| format!("{o}.{}", id.0)).collect::<Vec<_>>().join("-")
}

pub fn tree_token(raw: Option<&str>) -> Result<Option<TreePos>, ApiError> {
    let Some(raw) = raw.filter(|r| !r.is_empty()) else { return Ok(None) };
    let mut out = Vec::new();
    for seg in raw.split('-') {
        let (o, id) = seg.split_once('.').ok_or_else(bad_token)?;
        let order: i64 = o.parse().map_err(|_| bad_token())?;
        let id: i64 = id.parse().map_err(|_| bad_token())?;
        if order < 0 || id <= 0 {
            return Err(bad_token());
        }
        out.push((order, DeptId(id)));
    }
    Ok(Some(TreePos(out)))
}

/// A page token that is the internal id of the last department returned (`parent`, `search`);
/// ids are positive.
pub fn id_token(raw: Option<&str>) -> Result<Option<DeptId>, ApiError> {
    match raw.filter(|r| !r.is_empty()) {
        None => Ok(None),
        Some(r) => r.parse().ok().filter(|n: &i64| *n > 0).map(|n| Some(DeptId(n))).ok_or_else(bad_token),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_tokens_round_trip() {
        let p = TreePos(vec![(3, DeptId(17)), (0, DeptId(42))]);
        assert_eq!(encode_tree_token(&p), "3.17-0.42");
        assert_eq!(tree_token(Some("3.17-0.42")).unwrap(), Some(p));
        assert_eq!(tree_token(Some("")).unwrap(), None);
        for bad in ["x", "1.", ".1", "1.2-", "-1.2", "1.0", "1.2.3"] {
            assert!(tree_token(Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(id_token(Some("12")).unwrap(), Some(DeptId(12)));
        for bad in ["x", "0", "-3"] {
            assert!(id_token(Some(bad)).is_err(), "{bad}");
        }
    }
}
