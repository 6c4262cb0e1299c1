//! Entities of the foundation: tenants, accounts, users, departments, developers, apps, tokens
//! and outbox events. Later areas (chats, meetings, invitations, the lifecycle) add their own modules.

mod account;
mod app;
mod chat;
mod chat_access;
mod delivery;
mod department;
mod event;
mod lifecycle;
mod meeting;
mod oauth;
mod org;
mod tenant;
mod token;
mod user;

pub use account::{Account, AccountStatus, NewAccount};
pub use app::{App, ContactScope, NewApp};
pub use chat::{
    Candidate, Chat, ChatBot, ChatKind, ChatMember, ChatMemberRef, ChatOptions, ChatOwner, ChatStatus, ChatType,
    GroupMessageType, MemberListing, MembershipApproval, MessageVisibility, ModerationPermission, NewChat, NewMember,
    RestrictedMode, RestrictedPermission, ShareCard, Who,
};
pub use chat_access::{
    Allowed, ChatJoinRequest, ChatJoinRequestId, ChatPolicy, Collaboration, JoinRequestStatus, JoinVia,
    NewChatJoinRequest, ShareLink,
};
pub use delivery::{Attempt, AttemptRecord, Delivery, DeliveryStatus, EventEndpoint, NewDelivery};
pub use department::{Department, DepartmentLeader, I18nNames, NewDepartment, ROOT_DEPARTMENT_ID};
pub use event::{DomainEvent, NewEvent, StoredEvent};
pub use lifecycle::{
    Acceptors, ChatOutcome, DepartedChat, Departure, DepartureKind, DepartureState, Dissolution, DissolutionState,
    DissolutionStep, EmailAcceptor, PersonalWorkspace, PurgedUser,
};
pub use meeting::{
    ActionPermission, CheckList, CheckMode, LARK_USER, MAX_USER_TYPE, Meeting, MeetingState, MeetingStatus,
    Participant, ParticipantStatus, Party, Permission, PermissionChecker, Reserve, ReserveSettings,
};
pub use oauth::{AuthorizationCode, NewAuthorizationCode, NewSignInTicket, PkceChallenge, PkceMethod, SignInTicket};
pub use org::{
    Actor, AdminGrant, AdminPermission, AuditAction, AuditEntry, Channel, Invitation, InvitationId, InvitationKind,
    JoinRequest, JoinRequestId, NewAuditEntry, NewInvitation, NewJoinRequest, NewNotification, NewSeat, Notification,
    NotificationId, NotificationStatus, OrgPolicy, Plan, PlanId, PlanUsage, RequestStatus, Seat, SeatGroup,
    SeatGroupId, SeatHolder, SeatId, SeatReason,
};
pub use tenant::{NewTenant, Tenant, TenantStatus};
pub use token::{AccessToken, NewToken, TokenKind};
pub use user::{NewUser, User, UserDepartment, UserStatus};
