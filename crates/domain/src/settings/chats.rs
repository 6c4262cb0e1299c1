//! Group chat limits (spec §3.5), from the config file's `[chats]` section.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ChatSettings {
    /// Members (users) a normal chat may hold; Lark's default for verified tenants is 5,000.
    /// A tenant admin may set a lower cap in the tenant's chat policy (232044).
    pub max_members: i64,
    /// Users one add-members call may name.
    pub max_users_per_call: usize,
    /// Bots one call may name.
    pub max_bots_per_call: usize,
    /// Bots one chat may hold.
    pub max_bots_per_chat: i64,
    /// Managers (users and bots) one chat may have.
    pub max_managers: usize,
    /// Create calls with the same `uuid` and owner within this window make one chat (Lark: 10 h).
    pub uuid_window_secs: i64,
}

impl Default for ChatSettings {
    fn default() -> Self {
        ChatSettings {
            max_members: 5000,
            max_users_per_call: 50,
            max_bots_per_call: 5,
            max_bots_per_chat: 15,
            max_managers: 10,
            uuid_window_secs: 10 * 3600,
        }
    }
}
