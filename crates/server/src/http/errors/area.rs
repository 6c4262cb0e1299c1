//! Codes of the areas that grow on the foundation: chats (issue 3) and the account lifecycle
//! (issue 5); organization membership (`org.rs`) and meetings (`meeting.rs`) have their own files.
//! Each area may move its function into a file of its own as it grows.

use super::Mapped;
use roster_domain::error::{ChatError, LifecycleError};

pub fn chat(e: &ChatError) -> Mapped {
    match *e {}
}

pub fn lifecycle(e: &LifecycleError) -> Mapped {
    match *e {}
}
