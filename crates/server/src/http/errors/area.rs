//! Codes of the areas that grow on the foundation: meetings (issue 4) and the account lifecycle
//! (issue 5); chats (`chat.rs`) and organization membership (`org.rs`) have files of their own.
//! Each area may move its function into a file of its own as it grows.

use super::Mapped;
use roster_domain::error::{LifecycleError, MeetingError};

pub fn meeting(e: &MeetingError) -> Mapped {
    match *e {}
}

pub fn lifecycle(e: &LifecycleError) -> Mapped {
    match *e {}
}
