//! Codes of the areas that grow on the foundation: chats (issue 3), meetings (issue 4),
//! organization membership (issue 7) and the account lifecycle (issue 5). Each area may move its
//! function into a file of its own as it grows.

use super::Mapped;
use roster_domain::error::{ChatError, LifecycleError, OrgError};

pub fn chat(e: &ChatError) -> Mapped {
    match *e {}
}

pub fn org(e: &OrgError) -> Mapped {
    match *e {}
}

pub fn lifecycle(e: &LifecycleError) -> Mapped {
    match *e {}
}
