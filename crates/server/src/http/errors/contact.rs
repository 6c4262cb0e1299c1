//! Codes of contact (user and department) failures.

use super::Mapped;
use roster_domain::error::ContactError as E;
use roster_proto::codes::contact::*;

pub fn map(e: &E) -> Mapped {
    Mapped::of(match e {
        E::MobileTaken => MOBILE_EXISTS,
        E::EmailTaken => EMAIL_EXISTS,
        E::UserIdTaken => USER_ID_EXISTS,
        E::UserIdInvalid => USER_ID_INVALID,
        E::MobileInvalid => MOBILE_INVALID,
        E::EmailInvalid => EMAIL_INVALID,
        E::NameMissing => NO_USER_NAME,
        E::NoEmailOrMobile => NO_EMAIL_OR_MOBILE,
        E::DepartmentRequired => DEPARTMENT_REQUIRED,
        E::TooManyDepartments => TOO_MANY_DEPARTMENTS,
        E::GenderInvalid => GENDER_INVALID,
        E::EmployeeTypeInvalid => EMPLOYEE_TYPE_INVALID,
        E::NameTooLong => NAME_TOO_LONG,
        E::EnNameTooLong => EN_NAME_TOO_LONG,
        E::NicknameTooLong => NICKNAME_TOO_LONG,
        E::JobTitleTooLong => JOB_TITLE_TOO_LONG,
        E::LeaderIsSelf => LEADER_IS_SELF,
        E::LeaderInvalid => LEADER_INVALID,
        E::LeaderResigned => LEADER_RESIGNED,
        E::EmployeeNoTaken => EMPLOYEE_NO_EXISTS,
        E::NoUserAuthority => NO_USER_AUTHORITY,
        E::NoDeptAuthority => NO_DEPT_AUTHORITY,
        E::NoParentDeptAuthority => NO_PARENT_DEPT_AUTHORITY,
        E::ClientTokenMismatch => CLIENT_TOKEN_MISMATCH,
        E::UserResigned => USER_RESIGNED,
        E::DeptNameEmpty => DEPT_NAME_EMPTY,
        E::DeptNameDuplicate => DEPT_DUPLICATE_NAME,
        E::DeptCustomIdInvalid => DEPT_CUSTOM_ID_INVALID,
        E::DeptCustomIdTaken => DEPT_DUPLICATE_CUSTOM_ID,
        E::DeptHasMembers => DEPT_HAS_MEMBERS,
        E::DeptHasChildren => DEPT_HAS_CHILDREN,
        E::RootDepartment => ROOT_DEPT,
        E::DeptRelationInvalid => DEPT_RELATION_INVALID,
        E::DeptTooDeep => DEPT_MAX_DEPTH,
        E::ResignAcceptorInvalid => RESIGN_ACCEPTOR_INVALID,
        E::TenantManagerUndeletable => TENANT_MANAGER_UNDELETABLE,
        E::UserNotResigned => USER_NOT_RESIGNED,
        E::ResurrectExpired => RESURRECT_EXPIRED,
        E::ResurrectMobileTaken => RESURRECT_MOBILE_DUPLICATED,
        E::ResurrectEmailTaken => RESURRECT_EMAIL_DUPLICATED,
        E::ResurrectUserIdTaken => RESURRECT_USER_ID_DUPLICATED,
        E::DeleteInProgress => DELETE_IN_PROGRESS,
        E::ResurrectInProgress => RESURRECT_IN_PROGRESS,
        E::SeatLimit => SEAT_LIMIT,
    })
}
