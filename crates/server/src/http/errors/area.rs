//! Codes of the areas that grow on the foundation: chats (issue 3), meetings (issue 4) and the
//! account lifecycle (issue 5); organization membership has its own file (`org.rs`). Each area may move its
//! function into a file of its own as it grows.

use super::Mapped;
use roster_domain::error::{ChatError, LifecycleError, MeetingError};

pub fn chat(e: &ChatError) -> Mapped {
    match *e {}
}

pub fn meeting(e: &MeetingError) -> Mapped {
    match *e {}
}

pub fn lifecycle(e: &LifecycleError) -> Mapped {
    match *e {}
}
