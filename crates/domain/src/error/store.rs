//! Store failures, classified where they arise so nothing above the store sees a database error.

#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// A unique constraint refused a write; `constraint` names the index.
    Unique { constraint: String },
    /// The database is unreachable, overloaded or shutting down; the request may be retried.
    Unavailable(String),
    /// Two transactions collided (serialization failure or deadlock) and retries ran out.
    Conflict(String),
    /// Anything else: malformed SQL, a type mismatch, corruption. Always a bug or an outage.
    Other(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unique { constraint } => write!(f, "unique constraint {constraint}"),
            StoreError::Unavailable(m) => write!(f, "unavailable: {m}"),
            StoreError::Conflict(m) => write!(f, "conflict: {m}"),
            StoreError::Other(m) => write!(f, "{m}"),
        }
    }
}
