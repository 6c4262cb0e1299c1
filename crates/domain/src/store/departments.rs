//! The department repository: a tenant's tree of departments, read by id, by custom id, by
//! parent (ordered for display) and by subtree (a depth-first walk, paged by keyset).

use crate::error::Result;
use crate::ids::{DeptId, TenantId};
use crate::model::{Department, NewDepartment};

/// Where a department sits in a depth-first walk below some department: the `(order, id)` of
/// each department on the way down, itself last. Walks list departments in this order
/// (siblings by `order`, then by id; a department before everything below it), so a position
/// is also the keyset cursor of the next page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TreePos(pub Vec<(i64, DeptId)>);

/// The people in a department and everything below it (resigned users excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MemberCounts {
    /// Distinct users in the subtree.
    pub members: i64,
    /// Distinct users whose primary department is in the subtree.
    pub primary: i64,
}

pub trait DepartmentRepo {
    fn insert_department(&mut self, d: &NewDepartment) -> Result<DeptId>;
    /// A department of `tenant`, deleted or not.
    fn department(&mut self, tenant: TenantId, id: DeptId) -> Result<Option<Department>>;
    /// The live department of `tenant` with this custom id.
    fn department_by_custom_id(&mut self, tenant: TenantId, department_id: &str) -> Result<Option<Department>>;
    fn root_department(&mut self, tenant: TenantId) -> Result<Option<Department>>;
    fn update_department(&mut self, d: &Department) -> Result<()>;
    /// Live children of `parent`, ordered by internal id, after `after` (keyset paging).
    fn child_departments(
        &mut self,
        tenant: TenantId,
        parent: DeptId,
        after: Option<DeptId>,
        limit: u32,
    ) -> Result<Vec<Department>>;
    fn count_child_departments(&mut self, tenant: TenantId, parent: DeptId) -> Result<i64>;
    /// Live departments of `tenant` other than the root, ordered by internal id, after `after`.
    fn live_departments(&mut self, tenant: TenantId, after: Option<DeptId>, limit: u32) -> Result<Vec<Department>>;
    /// Live departments below `top`, at most `max_depth` levels down (1: its children), in
    /// depth-first order (see [`TreePos`]), strictly after `after`, each with its position.
    fn descendant_departments(
        &mut self,
        tenant: TenantId,
        top: DeptId,
        max_depth: u32,
        after: Option<&TreePos>,
        limit: u32,
    ) -> Result<Vec<(Department, TreePos)>>;
    /// How many levels of live departments hang below `top` (0 for a leaf).
    fn subtree_height(&mut self, tenant: TenantId, top: DeptId) -> Result<u32>;
    /// The people in `top` and every live department below it.
    fn subtree_member_counts(&mut self, tenant: TenantId, top: DeptId) -> Result<MemberCounts>;
}
