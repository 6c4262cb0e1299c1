//! Organization membership settings: invitations and seats (issue 7).

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct OrgSettings {}
