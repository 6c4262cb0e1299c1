//! Codes of the areas that grow on the foundation: the account lifecycle (issue 5); chats
//! (`chat.rs`), organization membership (`org.rs`) and meetings (`meeting.rs`) have their own
//! files. Each area may move its function into a file of its own as it grows.

use super::Mapped;
use roster_domain::error::LifecycleError;

pub fn lifecycle(e: &LifecycleError) -> Mapped {
    match *e {}
}
