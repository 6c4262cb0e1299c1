//! SQL for departments: the tree, its lookups, and its walks. Subtree walks are recursive CTEs
//! (both databases have `WITH RECURSIVE`); their order is a text key built from each level's
//! zero-padded `(order, id)`, so a depth-first walk is an `ORDER BY` and its keyset cursor a
//! string comparison. Walks stop 64 levels down, far below the 25 the rules allow.

use super::{Row, SqlTx, p, to_json};
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{ChatId, DeptId, TenantId, UserId};
use roster_domain::model::{Department, DepartmentLeader, I18nNames, NewDepartment};
use roster_domain::store::{DepartmentRepo, MemberCounts, TreePos};

/// Digits of each half of a key segment: `order` then `id`, each zero-padded.
const SEGMENT_HALF: usize = 20;

/// `SELECT <department columns>`, each column prefixed with `$t` (a table alias and dot, or "").
macro_rules! dept_columns {
    ($t:literal) => {
        concat!(
            "SELECT ",
            $t,
            "id, ",
            $t,
            "tenant_id, ",
            $t,
            "department_id, ",
            $t,
            "parent_id, ",
            $t,
            "name, ",
            $t,
            "i18n_zh_cn, ",
            $t,
            "i18n_ja_jp, ",
            $t,
            "i18n_en_us, ",
            $t,
            "leader_id, ",
            $t,
            "leaders, ",
            $t,
            "sort_order, ",
            $t,
            "chat_id, ",
            $t,
            "unit_ids, ",
            $t,
            "group_chat_employee_types, ",
            $t,
            "deleted, ",
            $t,
            "created_at"
        )
    };
}

/// `SELECT <department columns> FROM departments <tail>`
macro_rules! dept_select {
    ($tail:literal) => {
        concat!(dept_columns!(""), " FROM departments ", $tail)
    };
}

fn dept_row(r: Row<'_>) -> Result<Department, StoreError> {
    let leaders: Vec<(i64, i64)> = r.json(9)?;
    Ok(Department {
        id: DeptId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        department_id: r.text(2)?,
        parent: r.opt_i64(3)?.map(DeptId),
        name: r.text(4)?,
        i18n: I18nNames { zh_cn: r.opt_text(5)?, ja_jp: r.opt_text(6)?, en_us: r.opt_text(7)? },
        leader: r.opt_i64(8)?.map(UserId),
        leaders: leaders.into_iter().map(|(t, u)| DepartmentLeader { leader_type: t, user: UserId(u) }).collect(),
        order: r.i64(10)?,
        chat: r.opt_i64(11)?.map(ChatId),
        unit_ids: r.json(12)?,
        group_chat_employee_types: r.json(13)?,
        deleted: r.bool(14)?,
        created_at: r.ts(15)?,
    })
}

fn leaders_json(leaders: &[DepartmentLeader]) -> String {
    to_json(&leaders.iter().map(|l| (l.leader_type, l.user.0)).collect::<Vec<_>>())
}

impl DepartmentRepo for SqlTx<'_> {
    fn insert_department(&mut self, d: &NewDepartment) -> Result<DeptId> {
        self.insert_id(
            "INSERT INTO departments (tenant_id, department_id, parent_id, name, i18n_zh_cn, i18n_ja_jp, i18n_en_us, leader_id, \
             leaders, sort_order, unit_ids, group_chat_employee_types, deleted, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13) RETURNING id",
            p![
                d.tenant.0,
                &d.department_id,
                d.parent.map(|p| p.0),
                &d.name,
                &d.i18n.zh_cn,
                &d.i18n.ja_jp,
                &d.i18n.en_us,
                d.leader.map(|l| l.0),
                leaders_json(&d.leaders).as_str(),
                d.order,
                to_json(&d.unit_ids).as_str(),
                to_json(&d.group_chat_employee_types).as_str(),
                d.created_at
            ],
        )
        .map(DeptId)
    }

    fn department(&mut self, tenant: TenantId, id: DeptId) -> Result<Option<Department>> {
        self.one(dept_select!("WHERE id = $1 AND tenant_id = $2"), p![id.0, tenant.0], dept_row)
    }

    fn department_by_custom_id(&mut self, tenant: TenantId, department_id: &str) -> Result<Option<Department>> {
        self.one(
            dept_select!("WHERE tenant_id = $1 AND department_id = $2 AND deleted = 0"),
            p![tenant.0, department_id],
            dept_row,
        )
    }

    fn live_departments(&mut self, tenant: TenantId, after: Option<DeptId>, limit: u32) -> Result<Vec<Department>> {
        self.all(
            dept_select!(
                "WHERE tenant_id = $1 AND deleted = 0 AND parent_id IS NOT NULL AND id > $2 ORDER BY id LIMIT $3"
            ),
            p![tenant.0, after.map_or(0, |d| d.0), limit as i64],
            dept_row,
        )
    }

    fn root_department(&mut self, tenant: TenantId) -> Result<Option<Department>> {
        self.one(dept_select!("WHERE tenant_id = $1 AND parent_id IS NULL"), p![tenant.0], dept_row)
    }

    fn update_department(&mut self, d: &Department) -> Result<()> {
        self.exec(
            "UPDATE departments SET department_id = $3, parent_id = $4, name = $5, i18n_zh_cn = $6, i18n_ja_jp = $7, \
             i18n_en_us = $8, leader_id = $9, leaders = $10, sort_order = $11, chat_id = $12, unit_ids = $13, \
             group_chat_employee_types = $14, deleted = $15 WHERE id = $1 AND tenant_id = $2",
            p![
                d.id.0,
                d.tenant.0,
                &d.department_id,
                d.parent.map(|p| p.0),
                &d.name,
                &d.i18n.zh_cn,
                &d.i18n.ja_jp,
                &d.i18n.en_us,
                d.leader.map(|l| l.0),
                leaders_json(&d.leaders).as_str(),
                d.order,
                d.chat.map(|c| c.0),
                to_json(&d.unit_ids).as_str(),
                to_json(&d.group_chat_employee_types).as_str(),
                d.deleted
            ],
        )?;
        Ok(())
    }

    fn child_departments(
        &mut self,
        tenant: TenantId,
        parent: DeptId,
        after: Option<DeptId>,
        limit: u32,
    ) -> Result<Vec<Department>> {
        self.all(
            dept_select!("WHERE tenant_id = $1 AND parent_id = $2 AND deleted = 0 AND id > $3 ORDER BY id LIMIT $4"),
            p![tenant.0, parent.0, after.map_or(0, |a| a.0), limit as i64],
            dept_row,
        )
    }

    fn count_child_departments(&mut self, tenant: TenantId, parent: DeptId) -> Result<i64> {
        self.count(
            "SELECT COUNT(*) FROM departments WHERE tenant_id = $1 AND parent_id = $2 AND deleted = 0",
            p![tenant.0, parent.0],
        )
    }

    fn descendant_departments(
        &mut self,
        tenant: TenantId,
        top: DeptId,
        max_depth: u32,
        after: Option<&TreePos>,
        limit: u32,
    ) -> Result<Vec<(Department, TreePos)>> {
        let after = after.map(key_of).unwrap_or_default();
        let sql = self.pick(
            concat!(
                "WITH RECURSIVE t(id, depth, k) AS (",
                "SELECT id, 1, printf('%020d%020d', sort_order, id) FROM departments ",
                "WHERE tenant_id = $1 AND parent_id = $2 AND deleted = 0 ",
                "AND printf('%020d%020d', sort_order, id) >= substr($4, 1, 40) ",
                "UNION ALL ",
                "SELECT d.id, t.depth + 1, t.k || printf('%020d%020d', d.sort_order, d.id) ",
                "FROM departments d JOIN t ON d.parent_id = t.id ",
                "WHERE d.tenant_id = $1 AND d.deleted = 0 AND t.depth < $3 AND t.depth < 64 ",
                "AND t.k || printf('%020d%020d', d.sort_order, d.id) >= substr($4, 1, length(t.k) + 40)) ",
                dept_columns!("d."),
                ", t.k FROM t JOIN departments d ON d.id = t.id WHERE t.k > $4 ORDER BY t.k LIMIT $5"
            ),
            concat!(
                "WITH RECURSIVE t(id, depth, k) AS (",
                "SELECT id, CAST(1 AS BIGINT), lpad(sort_order::text, 20, '0') || lpad(id::text, 20, '0') ",
                "FROM departments WHERE tenant_id = $1 AND parent_id = $2 AND deleted = 0 ",
                "AND (lpad(sort_order::text, 20, '0') || lpad(id::text, 20, '0')) COLLATE \"C\" >= substr($4, 1, 40) ",
                "UNION ALL ",
                "SELECT d.id, t.depth + 1, t.k || lpad(d.sort_order::text, 20, '0') || lpad(d.id::text, 20, '0') ",
                "FROM departments d JOIN t ON d.parent_id = t.id ",
                "WHERE d.tenant_id = $1 AND d.deleted = 0 AND t.depth < $3 AND t.depth < 64 ",
                "AND (t.k || lpad(d.sort_order::text, 20, '0') || lpad(d.id::text, 20, '0')) COLLATE \"C\" ",
                ">= substr($4, 1, length(t.k) + 40)) ",
                dept_columns!("d."),
                ", t.k FROM t JOIN departments d ON d.id = t.id WHERE t.k COLLATE \"C\" > $4 ",
                "ORDER BY t.k COLLATE \"C\" LIMIT $5"
            ),
        );
        let rows = self.all(sql, p![tenant.0, top.0, max_depth as i64, after.as_str(), limit as i64], |r| {
            Ok((dept_row(r)?, r.text(16)?))
        })?;
        rows.into_iter().map(|(d, k)| Ok((d, pos_of(&k)?))).collect()
    }

    fn subtree_height(&mut self, tenant: TenantId, top: DeptId) -> Result<u32> {
        let height = self.count(
            "WITH RECURSIVE t(id, depth) AS (\
             SELECT id, CAST(1 AS BIGINT) FROM departments WHERE tenant_id = $1 AND parent_id = $2 AND deleted = 0 \
             UNION ALL \
             SELECT d.id, t.depth + 1 FROM departments d JOIN t ON d.parent_id = t.id \
             WHERE d.tenant_id = $1 AND d.deleted = 0 AND t.depth < 64) \
             SELECT COALESCE(MAX(depth), 0) FROM t",
            p![tenant.0, top.0],
        )?;
        Ok(height as u32)
    }

    fn subtree_member_counts(&mut self, tenant: TenantId, top: DeptId) -> Result<MemberCounts> {
        let counts = self.one(
            "WITH RECURSIVE t(id, depth) AS (\
             SELECT CAST($2 AS BIGINT), CAST(0 AS BIGINT) \
             UNION ALL \
             SELECT d.id, t.depth + 1 FROM departments d JOIN t ON d.parent_id = t.id \
             WHERE d.tenant_id = $1 AND d.deleted = 0 AND t.depth < 64) \
             SELECT COUNT(DISTINCT ud.user_id), COUNT(DISTINCT CASE WHEN ud.is_primary = 1 THEN ud.user_id END) \
             FROM user_departments ud JOIN users u ON u.id = ud.user_id \
             WHERE ud.tenant_id = $1 AND u.tenant_id = $1 AND u.is_resigned = 0 \
             AND ud.department_id IN (SELECT id FROM t)",
            p![tenant.0, top.0],
            |r| Ok(MemberCounts { members: r.i64(0)?, primary: r.i64(1)? }),
        )?;
        Ok(counts.unwrap_or_default())
    }
}

/// The text key of a walk position, as the walks build it.
fn key_of(pos: &TreePos) -> String {
    pos.0.iter().map(|(order, id)| format!("{order:020}{:020}", id.0)).collect()
}

/// The walk position a text key spells.
fn pos_of(key: &str) -> Result<TreePos> {
    let bad = || StoreError::Other(format!("malformed department walk key {key:?}"));
    if key.is_empty() || !key.len().is_multiple_of(2 * SEGMENT_HALF) || !key.is_ascii() {
        return Err(bad().into());
    }
    let mut out = Vec::with_capacity(key.len() / (2 * SEGMENT_HALF));
    for seg in key.as_bytes().chunks(2 * SEGMENT_HALF) {
        let seg = std::str::from_utf8(seg).map_err(|_| bad())?;
        let (order, id) = seg.split_at(SEGMENT_HALF);
        out.push((order.parse().map_err(|_| bad())?, DeptId(id.parse().map_err(|_| bad())?)));
    }
    Ok(TreePos(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_keys_round_trip_and_sort_depth_first() {
        let a = TreePos(vec![(0, DeptId(7))]);
        let a_child = TreePos(vec![(0, DeptId(7)), (3, DeptId(2))]);
        let b = TreePos(vec![(1, DeptId(3))]);
        for p in [&a, &a_child, &b] {
            assert_eq!(&pos_of(&key_of(p)).unwrap(), p);
        }
        assert!(key_of(&a) < key_of(&a_child) && key_of(&a_child) < key_of(&b));
        assert!(pos_of("12").is_err() && pos_of("").is_err());
    }
}
