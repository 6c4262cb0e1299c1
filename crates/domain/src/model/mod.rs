//! Entities of the foundation: tenants, accounts, users, departments, developers, apps, tokens
//! and outbox events. Later areas (chats, meetings, invitations) add their own modules.

mod account;
mod app;
mod chat;
mod chat_access;
mod department;
mod event;
mod tenant;
mod token;
mod user;

pub use account::{Account, AccountStatus, NewAccount};
pub use app::{App, ContactScope, NewApp};
pub use chat::{
    Chat, ChatBot, ChatKind, ChatMember, ChatOptions, ChatOwner, ChatStatus, ChatType, GroupMessageType, MemberListing,
    MembershipApproval, MessageVisibility, ModerationPermission, NewChat, NewMember, Participant, RestrictedMode,
    RestrictedPermission, ShareCard, Who,
};
pub use chat_access::{
    Allowed, ChatPolicy, Collaboration, JoinRequest, JoinRequestId, JoinRequestStatus, JoinVia, NewJoinRequest,
    ShareLink,
};
pub use department::{Department, DepartmentLeader, I18nNames, NewDepartment, ROOT_DEPARTMENT_ID};
pub use event::{DomainEvent, NewEvent, StoredEvent};
pub use tenant::{NewTenant, Tenant, TenantStatus};
pub use token::{AccessToken, NewToken, TokenKind};
pub use user::{NewUser, User, UserDepartment, UserStatus};
