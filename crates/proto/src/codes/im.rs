//! IM (group chat) codes, spec §3.6. All travel with HTTP 400.

use super::ErrorCode;

pub const INVALID_PARAM: ErrorCode = ErrorCode::new(232001, 400, "Your request contains an invalid request parameter.");
pub const EDIT_NO_PERMISSION: ErrorCode = ErrorCode::new(
    232002,
    400,
    "No Permission: Only chat owner or admin can edit chat information in the current situation.",
);
pub const APP_NOT_EXIST: ErrorCode = ErrorCode::new(232004, 400, "Such an app does NOT exist.");
pub const INVALID_CHAT_ID: ErrorCode =
    ErrorCode::new(232006, 400, "Your request specifies a chat_id which is invalid.");
pub const INVALID_CHAT_OR_USER_ID: ErrorCode =
    ErrorCode::new(232007, 400, "Your request specifies a chat_id or user_id which is invalid.");
pub const CHAT_TYPE_NOT_SUPPORTED: ErrorCode =
    ErrorCode::new(232008, 400, "Your request specifies a chat whose type is NOT supported currently.");
pub const CHAT_DISSOLVED: ErrorCode =
    ErrorCode::new(232009, 400, "Your request specifies a chat which has already been dissolved.");
pub const CROSS_TENANT: ErrorCode = ErrorCode::new(232010, 400, "Operator and chat can NOT be in different tenants.");
pub const OPERATOR_NOT_IN_CHAT: ErrorCode = ErrorCode::new(232011, 400, "Operator can NOT be out of the chat.");
pub const NEW_OWNER_NOT_IN_CHAT: ErrorCode = ErrorCode::new(232012, 400, "New group owner can NOT be out of the chat.");
pub const CHAT_FULL: ErrorCode =
    ErrorCode::new(232013, 400, "You have reached the limit of maximum number of members a chat can have.");
pub const TOKEN_NO_PERMISSION: ErrorCode = ErrorCode::new(
    232014,
    400,
    "The token used in the request does NOT have the permissions necessary to complete the request.",
);
pub const MEMBER_ID_TYPE_NOT_SUPPORTED: ErrorCode =
    ErrorCode::new(232015, 400, "Your request specifies a member_id_type which is NOT supported.");
pub const ONLY_CERTAIN_PARTS: ErrorCode =
    ErrorCode::new(232016, 400, "Non-chat-owner or Non-chat-admin can only edit certain parts.");
pub const NOT_OWNER_OR_CREATOR: ErrorCode = ErrorCode::new(
    232017,
    400,
    "No Permission: If the operator is NOT owner or creator with the scope, the operator can NOT complete the request.",
);
pub const CHAT_RATE_LIMITED: ErrorCode = ErrorCode::new(232019, 400, "The request has been rate limited.");
pub const PUBLIC_NAME_TOO_SHORT: ErrorCode =
    ErrorCode::new(232020, 400, "Name can NOT be less than two characters for public chats.");
pub const BOT_NOT_FOUND: ErrorCode = ErrorCode::new(232021, 400, "Bot can NOT be found.");
pub const USER_RESIGNED: ErrorCode = ErrorCode::new(232022, 400, "User has already resigned.");
pub const REVIEW_FAILED: ErrorCode =
    ErrorCode::new(232023, 400, "Chat information review failed while updating the chat.");
pub const NO_VISIBILITY: ErrorCode = ErrorCode::new(
    232024,
    400,
    "Users do not have the visibility of the app, or the operator does not have collaboration permissions with the target users.",
);
pub const BOT_NOT_ACTIVATED: ErrorCode = ErrorCode::new(232025, 400, "Bot ability is not activated.");
pub const PUBLIC_NAME_TAKEN: ErrorCode = ErrorCode::new(
    232026,
    400,
    "This name is already used in an existing public chat. Names of public chats are supposed to be different.",
);
pub const NO_VALID_MEMBERS: ErrorCode =
    ErrorCode::new(232027, 400, "There are no valid members in the ID list specified in your request.");
pub const EXTERNAL_TO_INTERNAL: ErrorCode =
    ErrorCode::new(232028, 400, "External members can Not be added to an internal group chat.");
pub const NO_OWNER_CANDIDATE: ErrorCode =
    ErrorCode::new(232029, 400, "There are no available candidates for chat owner.");
pub const INVALID_USER_ID: ErrorCode =
    ErrorCode::new(232030, 400, "Your request specifies a user_id which is invalid.");
pub const NEW_OWNER_OTHER_TENANT: ErrorCode =
    ErrorCode::new(232031, 400, "The chat and the new designated chat owner must be in the same tenant.");
pub const OWNER_OTHER_TENANT: ErrorCode = ErrorCode::new(
    232032,
    400,
    "The operator who will create the chat and the designated chat owner must be in the same tenant.",
);
pub const NO_EXTERNAL_AUTHORITY: ErrorCode = ErrorCode::new(
    232033,
    400,
    "The operator or invited bots does NOT have the authority to manage external chats without the scope.",
);
pub const APP_UNAVAILABLE: ErrorCode =
    ErrorCode::new(232034, 400, "The app is unavailable or inactivated by the tenant.");
pub const INVALID_OWNER_ID: ErrorCode =
    ErrorCode::new(232035, 400, "Your request specifies an owner_id which is invalid.");
pub const NO_LABEL_AUTHORITY: ErrorCode = ErrorCode::new(
    232037,
    400,
    "The operator or invited bots does NOT have the authority to manage chat labels without the scope.",
);
pub const NOT_OWNER: ErrorCode =
    ErrorCode::new(232038, 400, "The operator is not chat owner, no permission to complete the request.");
pub const MANAGERS_NOT_RETURNED: ErrorCode = ErrorCode::new(
    232039,
    400,
    "The operation of Add/Delete chat managers has succeeded. But the current managers list was not returned due to service problems.",
);
pub const TOO_MANY_MANAGERS: ErrorCode =
    ErrorCode::new(232040, 400, "The chat managers has reached the limit of maximum number.");
pub const ILLEGAL_AVATAR: ErrorCode = ErrorCode::new(232041, 400, "The avatar key is illegal.");
pub const PUBLIC_NAME_EMPTY: ErrorCode = ErrorCode::new(232042, 400, "Public group chat's name should not be empty.");
pub const UNAVAILABLE_IDS: ErrorCode = ErrorCode::new(232043, 400, "Your request contains unavailable ids.");
pub const ADMIN_MEMBER_CAP: ErrorCode =
    ErrorCode::new(232044, 400, "You have reached maximum number of chat members set by admin.");
pub const TAB_NAME_TOO_LONG: ErrorCode = ErrorCode::new(232047, 400, "The length of the tab name reaches the limit.");
pub const NO_RESTRICTED_MODE: ErrorCode =
    ErrorCode::new(232057, 400, "The operator tenant doesn't have the permission to use restricted mode.");
pub const CHAT_BANNED: ErrorCode = ErrorCode::new(232060, 400, "This chat is banned.");
pub const CHAT_BEING_CREATED: ErrorCode =
    ErrorCode::new(232068, 400, "The group is being created, please wait a moment.");
pub const PUBLIC_NOT_SUPPORTED: ErrorCode = ErrorCode::new(232069, 400, "current chat type unsupported to set public.");
pub const JOIN_NEEDS_APPROVAL: ErrorCode = ErrorCode::new(
    232075,
    400,
    "The public group needs to apply to join, and users or bots are not allowed to actively join the group.",
);
pub const CANNOT_KICK_OWNER: ErrorCode = ErrorCode::new(232076, 400, "Can't kick chat owner.");
pub const NO_HIDE_MEMBER_COUNT: ErrorCode =
    ErrorCode::new(232078, 400, "The operator tenant doesn't have the permission to use hide_member_count_setting.");
pub const HIDE_MEMBER_COUNT_UNSUPPORTED: ErrorCode =
    ErrorCode::new(232079, 400, "Chat type not supported by hide_member_count_setting.");
pub const UNSUPPORTED_CHAT_TYPE: ErrorCode = ErrorCode::new(232090, 400, "Unsupported chat type.");
pub const PUBLIC_FORBIDDEN: ErrorCode = ErrorCode::new(
    232091,
    400,
    "Due to the security control requirements of this tenant, this tenant does not allow public group.",
);
pub const APPROVAL_LOCKED: ErrorCode =
    ErrorCode::new(232093, 400, "This meeting has restricted access. Unable to turn off group membership approval.");
pub const NO_OCIC_AUTHORITY: ErrorCode =
    ErrorCode::new(232095, 400, "The operator does NOT have the authority to manage ocic type tag without the scope.");

pub const ALL: &[ErrorCode] = &[
    INVALID_PARAM,
    EDIT_NO_PERMISSION,
    APP_NOT_EXIST,
    INVALID_CHAT_ID,
    INVALID_CHAT_OR_USER_ID,
    CHAT_TYPE_NOT_SUPPORTED,
    CHAT_DISSOLVED,
    CROSS_TENANT,
    OPERATOR_NOT_IN_CHAT,
    NEW_OWNER_NOT_IN_CHAT,
    CHAT_FULL,
    TOKEN_NO_PERMISSION,
    MEMBER_ID_TYPE_NOT_SUPPORTED,
    ONLY_CERTAIN_PARTS,
    NOT_OWNER_OR_CREATOR,
    CHAT_RATE_LIMITED,
    PUBLIC_NAME_TOO_SHORT,
    BOT_NOT_FOUND,
    USER_RESIGNED,
    REVIEW_FAILED,
    NO_VISIBILITY,
    BOT_NOT_ACTIVATED,
    PUBLIC_NAME_TAKEN,
    NO_VALID_MEMBERS,
    EXTERNAL_TO_INTERNAL,
    NO_OWNER_CANDIDATE,
    INVALID_USER_ID,
    NEW_OWNER_OTHER_TENANT,
    OWNER_OTHER_TENANT,
    NO_EXTERNAL_AUTHORITY,
    APP_UNAVAILABLE,
    INVALID_OWNER_ID,
    NO_LABEL_AUTHORITY,
    NOT_OWNER,
    MANAGERS_NOT_RETURNED,
    TOO_MANY_MANAGERS,
    ILLEGAL_AVATAR,
    PUBLIC_NAME_EMPTY,
    UNAVAILABLE_IDS,
    ADMIN_MEMBER_CAP,
    TAB_NAME_TOO_LONG,
    NO_RESTRICTED_MODE,
    CHAT_BANNED,
    CHAT_BEING_CREATED,
    PUBLIC_NOT_SUPPORTED,
    JOIN_NEEDS_APPROVAL,
    CANNOT_KICK_OWNER,
    NO_HIDE_MEMBER_COUNT,
    HIDE_MEMBER_COUNT_UNSUPPORTED,
    UNSUPPORTED_CHAT_TYPE,
    PUBLIC_FORBIDDEN,
    APPROVAL_LOCKED,
    NO_OCIC_AUTHORITY,
];
