//! Organization membership settings: invitation lifetimes, list limits and passwords (issue 7).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct OrgSettings {
    /// How long the invitation an added member receives stays valid (a remind renews it).
    pub member_invitation_days: i64,
    /// Lists (invitations, requests, members, the ledger, the audit) return at most this many.
    pub max_page_size: u32,
    /// An invitation may restrict redeemers to at most this many email domains.
    pub max_allowed_domains: usize,
    /// Passwords an admin or a redeemer sets must be at least this long.
    pub min_password_len: usize,
    /// Length of the passwords Roster generates for business-email members.
    pub generated_password_len: usize,
    /// How often the notifier retries invitation messages left queued (seconds).
    pub notifier_interval_secs: u64,
    /// Contact-API user creation skips the seat lock while at least this many places are free;
    /// keep it above the most write transactions all servers on one database run at once.
    pub seat_lock_headroom: i64,
}

impl Default for OrgSettings {
    fn default() -> Self {
        OrgSettings {
            member_invitation_days: 30,
            max_page_size: 100,
            max_allowed_domains: 20,
            min_password_len: 8,
            generated_password_len: 12,
            notifier_interval_secs: 5,
            seat_lock_headroom: 1024,
        }
    }
}
