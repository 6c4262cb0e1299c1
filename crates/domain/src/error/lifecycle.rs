//! Account lifecycle failures: leaving, deleting a personal account, dissolving an organization
//! (issue 5). Offboarding and restore fail with Lark's contact codes (`ContactError`).

use crate::clock::Timestamp;

#[derive(Debug, Clone, PartialEq)]
pub enum LifecycleError {
    /// A frozen member may not leave or delete their account themselves: an admin offboards them.
    AccountFrozen,
    /// The creator of an organization cannot leave it (they may dissolve it instead).
    CreatorCannotLeave,
    /// Leaving or dissolving does not apply to a personal workspace: delete the personal account.
    PersonalWorkspace,
    /// The account has no personal workspace to delete.
    NoPersonalWorkspace,
    /// Only the organization's creator may ask for its dissolution or cancel it.
    NotCreator,
    /// A dissolution is already scheduled; it takes effect at this time.
    DissolutionScheduled { effective_at: Timestamp },
    /// No dissolution is scheduled.
    NoDissolution,
    /// The dissolution has taken effect and can no longer be cancelled.
    DissolutionInEffect,
}
