//! Contact events: `contact.user.created_v3`, `…updated_v3`, `…deleted_v3`. They carry snapshots
//! of the user as it was at the time, since the row may change before delivery.

use crate::model::{DomainEvent, User};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserCreated {
    pub user: User,
}

impl DomainEvent for UserCreated {
    const EVENT_TYPE: &'static str = "contact.user.created_v3";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserUpdated {
    pub user: User,
    pub old: User,
}

impl DomainEvent for UserUpdated {
    const EVENT_TYPE: &'static str = "contact.user.updated_v3";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserDeleted {
    pub user: User,
}

impl DomainEvent for UserDeleted {
    const EVENT_TYPE: &'static str = "contact.user.deleted_v3";
}
