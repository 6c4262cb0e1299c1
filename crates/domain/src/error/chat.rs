//! Group chat and chat membership failures (issue 3), one variant per condition; the server maps
//! each to its IM code (232xxx) or, for what IM has no code for, a Roster chat code (1903xxx).

/// Why an id in a member list cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    /// Not an id of the requested type (or forged).
    Malformed,
    /// A genuine id minted for another app or developer.
    ForeignScope,
    /// Well-formed, but nobody (no bot) by that id exists for the caller.
    NotExist,
    Resigned,
    Frozen,
    /// Invited to the tenant but not yet joined.
    NotJoined,
    /// Outside the calling app's contact scope.
    Invisible,
    /// An app whose bot ability is off, or a disabled app.
    BotInactive,
}

impl Unusable {
    pub fn as_str(self) -> &'static str {
        match self {
            Unusable::Malformed => "malformed",
            Unusable::ForeignScope => "minted for another app",
            Unusable::NotExist => "not existed",
            Unusable::Resigned => "resigned",
            Unusable::Frozen => "frozen",
            Unusable::NotJoined => "not yet joined",
            Unusable::Invisible => "invisible to the app",
            Unusable::BotInactive => "bot ability not activated",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ChatError {
    /// 232002: an ordinary member edits a chat whose `edit_permission` is `only_owner`.
    EditNotAllowed,
    /// 232006: the chat_id is malformed or names no chat the caller may know of.
    ChatNotFound,
    /// 232008: the operation does not apply to this chat's type (me_join on a private chat).
    ChatTypeNotSupported,
    /// 232009
    Dissolved,
    /// 232010: the caller's tenant is not the chat's.
    OtherTenant,
    /// 232011
    NotInChat,
    /// 232012
    NewOwnerNotInChat,
    /// 232013: the chat is at the server's member cap (or its bot cap).
    ChatFull,
    /// 232014: the caller's token may not do this (remove others, create groups under policy).
    TokenNoPermission,
    /// 232015
    MemberIdTypeNotSupported,
    /// 232016: an ordinary member changes more than avatar, name, description and i18n names.
    OnlyCertainParts,
    /// 232017: only the owner, managers or the creating bot may do this.
    NotOwnerOrManager,
    /// 232020
    PublicNameTooShort,
    /// 232021
    BotNotFound { ids: Vec<String> },
    /// 232022
    UserResigned { ids: Vec<String> },
    /// 232024: users invisible to the app, or external users the operator may not add.
    NoVisibility { ids: Vec<String> },
    /// 232025: the calling app's bot ability is off.
    BotNotActivated,
    /// 232026
    PublicNameTaken,
    /// 232027
    NoValidMembers { ids: Vec<String> },
    /// 232028
    ExternalToInternal { ids: Vec<String> },
    /// 232030
    InvalidUserId { ids: Vec<String> },
    /// 232031
    NewOwnerOtherTenant,
    /// 232032
    OwnerOtherTenant,
    /// 232035
    InvalidOwnerId,
    /// 232038
    NotOwner,
    /// 232040
    TooManyManagers,
    /// 232041
    IllegalAvatar,
    /// 232042
    PublicNameEmpty,
    /// 232043: `succeed_type=2` (or create) met ids it cannot use.
    UnavailableIds { ids: Vec<(String, Unusable)> },
    /// 232044: the tenant's own lower member cap is reached.
    AdminMemberCap,
    /// 232069: an external chat cannot be public.
    ExternalCannotBePublic,
    /// 232075
    JoinNeedsApproval,
    /// 232076
    CannotRemoveOwner,
    /// 232091
    PublicChatsForbidden,
    /// 1903001: no share link with this token.
    LinkNotFound,
    /// 1903002
    LinkExpired,
    /// 1903003
    JoinRequestNotFound,
    /// 1903004: the request was already approved, rejected or withdrawn.
    JoinRequestClosed,
    /// 1903005: only a tenant admin may change the chat policy or collaborations.
    NotTenantAdmin,
    /// 1903006: no tenant with this tenant_key (or the caller's own).
    CollaborationTenantInvalid,
    /// 1903007: no collaboration with that tenant.
    CollaborationNotFound,
}
