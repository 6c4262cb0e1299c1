//! Domain errors, in the domain's own terms. One enum per area, so each area grows its own file;
//! the server maps every variant to a Lark code in exactly one place (`server::api::error`).

mod auth;
mod chat;
mod contact;
mod lifecycle;
mod meeting;
mod org;
mod store;

pub use auth::AuthError;
pub use chat::{ChatError, Unusable};
pub use contact::ContactError;
pub use lifecycle::LifecycleError;
pub use meeting::MeetingError;
pub use org::OrgError;
pub use store::StoreError;

use crate::ids::UserIdType;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A parameter is missing, malformed or out of range. The API answers with the family's
    /// "invalid parameter" code and names the field.
    InvalidParam {
        field: String,
        reason: String,
    },
    /// IDs in the request that do not name an existing user (99992351/99992360/99992364).
    UsersNotExist {
        id_type: UserIdType,
        ids: Vec<String>,
    },
    /// Department ids in the request that do not name a live department (99992380).
    DepartmentsNotExist {
        ids: Vec<String>,
    },
    /// An open_id minted for another app (99992361).
    OpenIdCrossApp {
        ids: Vec<String>,
    },
    /// The request names something that does not exist in the caller's tenant, in an area
    /// without a more specific code.
    NotFound {
        what: &'static str,
    },
    /// The caller may not do this, in an area without a more specific code.
    Forbidden {
        reason: String,
    },
    Auth(AuthError),
    Contact(ContactError),
    Chat(ChatError),
    Meeting(MeetingError),
    Org(OrgError),
    Lifecycle(LifecycleError),
    Store(StoreError),
    /// A bug or broken invariant. Logged in full; the client sees only "internal error".
    Internal(String),
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidParam { field: field.into(), reason: reason.into() }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::InvalidParam { field, reason } => write!(f, "invalid parameter {field}: {reason}"),
            Error::UsersNotExist { ids, .. } => write!(f, "these ids not existed: {ids:?}"),
            Error::DepartmentsNotExist { ids } => write!(f, "these department ids not existed: {ids:?}"),
            Error::OpenIdCrossApp { ids } => write!(f, "open_id cross app: {ids:?}"),
            Error::NotFound { what } => write!(f, "{what} not found"),
            Error::Forbidden { reason } => write!(f, "forbidden: {reason}"),
            Error::Auth(e) => write!(f, "{e:?}"),
            Error::Contact(e) => write!(f, "{e:?}"),
            Error::Chat(e) => write!(f, "{e:?}"),
            Error::Meeting(e) => write!(f, "{e:?}"),
            Error::Org(e) => write!(f, "{e:?}"),
            Error::Lifecycle(e) => write!(f, "{e:?}"),
            Error::Store(e) => write!(f, "store: {e}"),
            Error::Internal(m) => write!(f, "internal: {m}"),
        }
    }
}

impl std::error::Error for Error {}

macro_rules! from_area {
    ($($t:ident => $v:ident),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Self {
                Error::$v(e)
            }
        }
    )*};
}
from_area!(AuthError => Auth, ContactError => Contact, ChatError => Chat, MeetingError => Meeting,
    OrgError => Org, LifecycleError => Lifecycle, StoreError => Store);
