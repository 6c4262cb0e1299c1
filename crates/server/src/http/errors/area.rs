//! Codes of the areas that grow on the foundation: meetings (issue 4), organization membership
//! (issue 7) and the account lifecycle (issue 5); chats have `chat.rs`. Each area may move its
//! function into a file of its own as it grows.

use super::Mapped;
use roster_domain::error::{LifecycleError, MeetingError, OrgError};

pub fn meeting(e: &MeetingError) -> Mapped {
    match *e {}
}

pub fn org(e: &OrgError) -> Mapped {
    match *e {}
}

pub fn lifecycle(e: &LifecycleError) -> Mapped {
    match *e {}
}
