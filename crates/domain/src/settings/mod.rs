//! Tunable limits and periods, one struct per area. The server fills them from the config file's
//! sections of the same names (`[auth]`, `[contact]`, `[chats]`, …); unknown keys are rejected.

mod auth;
mod chats;
mod contact;
mod events;
mod lifecycle;
mod meetings;
mod orgs;

pub use auth::AuthSettings;
pub use chats::ChatSettings;
pub use contact::ContactSettings;
pub use events::EventSettings;
pub use lifecycle::LifecycleSettings;
pub use meetings::MeetingSettings;
pub use orgs::OrgSettings;

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub auth: AuthSettings,
    pub contact: ContactSettings,
    pub chats: ChatSettings,
    pub meetings: MeetingSettings,
    pub orgs: OrgSettings,
    pub lifecycle: LifecycleSettings,
    pub events: EventSettings,
}
