//! Contact (users and departments) failures, one variant per Lark code they map to.

#[derive(Debug, Clone, PartialEq)]
pub enum ContactError {
    MobileTaken,
    EmailTaken,
    UserIdTaken,
    UserIdInvalid,
    MobileInvalid,
    EmailInvalid,
    NameMissing,
    NoEmailOrMobile,
    DepartmentRequired,
    TooManyDepartments,
    /// An `orders` entry names a department the user is not (or will not be) in (41025).
    OrderDepartmentInvalid,
    GenderInvalid,
    EmployeeTypeInvalid,
    NameTooLong,
    EnNameTooLong,
    NicknameTooLong,
    JobTitleTooLong,
    LeaderIsSelf,
    LeaderInvalid,
    LeaderResigned,
    EmployeeNoTaken,
    /// The user is outside the app's contact scope or does not exist in the tenant.
    NoUserAuthority,
    /// The department is outside the app's contact scope.
    NoDeptAuthority,
    NoParentDeptAuthority,
    /// `client_token` was reused with a different body (40021).
    ClientTokenMismatch,
    UserResigned,
    DeptNameEmpty,
    DeptNameDuplicate,
    DeptCustomIdInvalid,
    DeptCustomIdTaken,
    DeptHasMembers,
    DeptHasChildren,
    RootDepartment,
    DeptRelationInvalid,
    DeptTooDeep,
    /// A sibling already has this `order` (43005).
    DeptOrderDuplicate,
    /// A department name may not contain `/` (43029).
    DeptNameHasSeparator,
    /// A sibling already has one of these i18n names (43018).
    DeptI18nNameDuplicate,
    /// Create without `parent_department_id` (44101).
    DeptParentMissing,
    /// PUT without `parent_department_id` (40017).
    DeptParentRequired,
    /// The parent already has the most direct children a department may have (43013).
    DeptTooManyChildren,
    /// Two entries of `leaders` name the same user, or more than one is the main leader (43016).
    DeptLeadersRepeated,
    /// A leader who has not joined the tenant yet (43025).
    DeptLeaderUnjoined,
    /// A `group_chat_employee_types` value that is not an employee type (43026).
    DeptEmployeeTypeInvalid,
    /// More than one unit, or a malformed unit id (43004).
    DeptUnitInvalid,
    /// The department's custom id may not be changed by this app (40007).
    DeptIdUpdateForbidden,
    /// `page_size` out of range on a department list (40011).
    PageSizeInvalid,
    /// A `page_token` this server did not issue for this list (40012).
    PageTokenInvalid,
    /// `GET departments/parent` without `department_id` (44102).
    DepartmentIdMissing,
    ResignAcceptorInvalid,
    TenantManagerUndeletable,
    UserNotResigned,
    ResurrectExpired,
    ResurrectMobileTaken,
    ResurrectEmailTaken,
    ResurrectUserIdTaken,
    DeleteInProgress,
    ResurrectInProgress,
    SeatLimit,
}
