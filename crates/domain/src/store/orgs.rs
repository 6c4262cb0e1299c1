//! Repository of invitations, join requests, plans, seats and the membership audit (issue 7).

pub trait OrgRepo {}
