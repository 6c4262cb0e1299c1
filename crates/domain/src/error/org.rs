//! Organization membership failures: roles, invitations, join requests, plans and seats (issue 7).
//! Each variant has its own code (1901xxx, or Lark's 41007/41008/44023 for seat limits).

#[derive(Debug, Clone, PartialEq)]
pub enum OrgError {
    /// Only the primary admin or an admin with the "members and departments" permission may do this.
    NotAdmin,
    /// Only the primary admin (the creator) may grant admin roles.
    NotPrimaryAdmin,
    /// A member who is not an admin tried to invite while the invitation setting is off.
    InvitingDisabled,
    /// The organization is on several plans: only admins invite or add members.
    MultiPlanAdminOnly,
    /// The organization is on several plans: invitations must require admin approval.
    ApprovalMandatory,
    /// No invitation has this code or id in this organization.
    InvitationNotFound,
    InvitationExpired,
    InvitationRevoked,
    InvitationUsedUp,
    /// A personal invitation redeemed by someone other than its addressee.
    InvitationForSomeoneElse,
    /// The redeemer's email domain is not among the invitation's allowed domains.
    EmailDomainNotAllowed,
    /// The invitee is already a member of the organization.
    AlreadyMember,
    /// The invitee's account, or their membership here, is frozen, resigned or deleted.
    AccountInactive,
    /// The invitee's phone number or email address is not a valid one.
    InviteeContactInvalid {
        field: &'static str,
    },
    /// Redeeming with an existing account's email or phone and the wrong password.
    WrongCredentials,
    /// The account already has a pending request to join this organization.
    RequestPending,
    JoinRequestNotFound,
    /// The join request was already approved or rejected.
    RequestDecided,
    /// Remind: the member has already signed in.
    MemberAlreadyActive,
    /// The organization is on several plans and no seat group covers the member: choose a plan
    /// or a seat group.
    SeatChoiceRequired,
    PlanNotFound,
    SeatGroupNotFound,
    /// A plan's seats (or a group's) cannot go below the seats already taken.
    SeatsBelowUsage {
        taken: i64,
    },
    /// The organization has reached its member limit (41007).
    MemberLimitReached {
        limit: i64,
    },
    /// The plan has no free seat (41008).
    PlanFull {
        plan: String,
        seats: i64,
    },
    /// The seat group has no free seat (44023).
    SeatGroupFull {
        group: String,
        seats: i64,
    },
}

impl OrgError {
    /// Whether this refusal means the organization is full (the notifier records it as the reason).
    pub fn is_full(&self) -> bool {
        matches!(self, Self::MemberLimitReached { .. } | Self::PlanFull { .. } | Self::SeatGroupFull { .. })
    }

    /// A sentence for people (notifications refused, CLI output).
    pub fn explain(&self) -> String {
        match self {
            Self::MemberLimitReached { limit } => {
                format!("the organization has reached its member limit of {limit}")
            }
            Self::PlanFull { plan, seats } => format!("all {seats} seats of the plan \"{plan}\" are taken"),
            Self::SeatGroupFull { group, seats } => {
                format!("all {seats} seats of the seat group \"{group}\" are taken")
            }
            other => format!("{other:?}"),
        }
    }
}
