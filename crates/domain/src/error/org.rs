//! Organization membership failures: invitations, approvals, seats (issue 7).

#[derive(Debug, Clone, PartialEq)]
pub enum OrgError {}
