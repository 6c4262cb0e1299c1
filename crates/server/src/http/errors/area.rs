//! Codes of the account lifecycle (issue 5): 1902xxx, each with a message that says what to do
//! instead. Offboarding and restore use Lark's contact codes (`contact.rs`); chats
//! (`chat.rs`), organization membership (`org.rs`) and meetings (`meeting.rs`) have their own files.

use super::Mapped;
use roster_domain::error::LifecycleError as E;
use roster_proto::codes::roster::*;

pub fn lifecycle(e: &E) -> Mapped {
    match e {
        E::AccountFrozen => Mapped::of(ACCOUNT_FROZEN),
        E::CreatorCannotLeave => Mapped::of(CREATOR_CANNOT_LEAVE),
        E::PersonalWorkspace => Mapped::of(PERSONAL_WORKSPACE),
        E::NoPersonalWorkspace => Mapped::of(NO_PERSONAL_WORKSPACE),
        E::NotCreator => Mapped::of(NOT_CREATOR),
        E::DissolutionScheduled { effective_at } => Mapped::with_msg(
            DISSOLUTION_SCHEDULED,
            format!(
                "{}: it takes effect at {} (Unix seconds); the creator may cancel it until then",
                DISSOLUTION_SCHEDULED.msg,
                effective_at.secs()
            ),
        ),
        E::NoDissolution => Mapped::of(NO_DISSOLUTION),
        E::DissolutionInEffect => Mapped::of(DISSOLUTION_IN_EFFECT),
    }
}
