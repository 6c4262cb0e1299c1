//! Internal numeric ids, one newtype per entity, and the id *types* callers choose between
//! (`open_id`/`union_id`/`user_id`, `open_department_id`/`department_id`).

use serde::{Deserialize, Serialize};

macro_rules! id_newtype {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

id_newtype!(
    /// A tenant (organization).
    TenantId,
    /// A login identity; one account may be a user in several tenants.
    AccountId,
    /// An account's membership in one tenant.
    UserId,
    /// A department in a tenant's tree.
    DeptId,
    /// An app (`cli_…`).
    AppId,
    /// The developer (ISV) an app belongs to; union_ids are scoped to it.
    DeveloperId,
    /// A group chat.
    ChatId,
    /// A meeting reserve.
    ReserveId,
    /// A meeting instance.
    MeetingId,
    /// An outbox event.
    EventSeq,
    /// One event on its way to one app.
    DeliveryId,
);

/// Which of a user's three ids a caller speaks in (spec §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserIdType {
    /// Per app (`ou_…`); the default everywhere.
    #[default]
    OpenId,
    /// Per developer (`on_…`).
    UnionId,
    /// Per tenant, customisable (`3e3cf96b`).
    UserId,
}

impl UserIdType {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open_id" => Some(Self::OpenId),
            "union_id" => Some(Self::UnionId),
            "user_id" => Some(Self::UserId),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OpenId => "open_id",
            Self::UnionId => "union_id",
            Self::UserId => "user_id",
        }
    }
}

/// Which department id a caller speaks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DepartmentIdType {
    /// `od-…`; the default.
    #[default]
    OpenDepartmentId,
    /// The custom id (`D096`); the root is `0` in both types.
    DepartmentId,
}

impl DepartmentIdType {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open_department_id" => Some(Self::OpenDepartmentId),
            "department_id" => Some(Self::DepartmentId),
            _ => None,
        }
    }
}
