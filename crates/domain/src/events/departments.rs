//! Department events (spec §6): `contact.department.created_v3`, `…updated_v3`, `…deleted_v3`.
//! Each carries snapshots of the department as it was, since the row may change before delivery,
//! and whether its parent was the root (whose open id is `"0"`, not an encoded id).

use crate::model::{Department, DomainEvent};
use serde::{Deserialize, Serialize};

/// A department as an event shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentSnapshot {
    pub department: Department,
    /// The parent is the tenant's root department.
    pub parent_is_root: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentCreated {
    pub department: DepartmentSnapshot,
}

impl DomainEvent for DepartmentCreated {
    const EVENT_TYPE: &'static str = "contact.department.created_v3";
}

/// `old` is the whole department before the change; the renderer sends only what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentUpdated {
    pub department: DepartmentSnapshot,
    pub old: DepartmentSnapshot,
}

impl DomainEvent for DepartmentUpdated {
    const EVENT_TYPE: &'static str = "contact.department.updated_v3";
}

/// `department` is the deleted department (`deleted` set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentDeleted {
    pub department: DepartmentSnapshot,
}

impl DomainEvent for DepartmentDeleted {
    const EVENT_TYPE: &'static str = "contact.department.deleted_v3";
}
