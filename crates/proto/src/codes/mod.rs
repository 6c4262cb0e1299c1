//! The table of Lark error codes Roster answers with: one named constant per code, grouped by
//! family, each with the HTTP status and the exact `msg` the real Open API sends.
//!
//! Invariant: a numeric code appears exactly once across all families (pinned by the table test).

pub mod auth;
pub mod contact;
pub mod generic;
pub mod im;
pub mod roster;
pub mod vc;

/// One Lark error: the business `code`, the HTTP status it travels with, and its `msg`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorCode {
    pub code: i64,
    pub status: u16,
    pub msg: &'static str,
}

impl ErrorCode {
    pub const fn new(code: i64, status: u16, msg: &'static str) -> Self {
        ErrorCode { code, status, msg }
    }
}

/// Every code of every family, for the table test and for README generation.
pub fn all() -> Vec<ErrorCode> {
    [generic::ALL, auth::ALL, contact::ALL, im::ALL, vc::ALL, roster::ALL].concat()
}

/// Looks a code up by its number.
pub fn by_code(code: i64) -> Option<ErrorCode> {
    all().into_iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for c in all() {
            assert!(seen.insert(c.code), "duplicate code {}", c.code);
            assert!(!c.msg.is_empty(), "empty msg for {}", c.code);
            assert!((200..600).contains(&c.status), "bad status for {}", c.code);
        }
    }

    /// Pins the codes SDK users match on: changing one of these breaks their code.
    #[test]
    fn pinned_codes() {
        let cases: &[(ErrorCode, i64, u16)] = &[
            (generic::RATE_LIMITED, 99991400, 429),
            (generic::NOT_FOUND, 99991201, 404),
            (generic::METHOD_NOT_ALLOWED, 99991301, 405),
            (auth::MISSING_TOKEN, 99991661, 400),
            (auth::MALFORMED_TOKEN, 99991671, 400),
            (auth::INVALID_TENANT_TOKEN, 99991663, 400),
            (auth::INVALID_USER_TOKEN, 99991668, 400),
            (auth::USER_TOKEN_EXPIRED, 99991677, 400),
            (auth::TOKEN_INVALID_PARAM, 10003, 200),
            (auth::APP_UNAUTHORIZED, 10014, 200),
            (auth::WRONG_APP_SECRET, 10015, 200),
            (contact::MOBILE_EXISTS, 41001, 400),
            (contact::EMAIL_EXISTS, 41002, 400),
            (contact::USER_ID_EXISTS, 41011, 400),
            (contact::TOO_MANY_DEPARTMENTS, 41033, 400),
            (contact::DEPT_HAS_MEMBERS, 43011, 400),
            (contact::DEPT_HAS_CHILDREN, 43012, 400),
            (contact::ROOT_DEPT, 40002, 400),
            (contact::RESURRECT_EXPIRED, 44028, 400),
            (contact::USER_NOT_RESIGNED, 44033, 400),
            (contact::CLIENT_TOKEN_MISMATCH, 40021, 400),
            (contact::DEPT_NAME_EMPTY, 40016, 401),
            (contact::DEPT_PARENT_REQUIRED, 40017, 400),
            (contact::DEPT_DUPLICATE_NAME, 40018, 400),
            (contact::NO_DEPT_AUTHORITY, 40004, 403),
            (contact::NO_PARENT_DEPT_AUTHORITY, 40014, 403),
            (contact::DEPT_ID_UPDATE_FORBIDDEN, 40007, 403),
            (contact::PAGE_SIZE_INVALID, 40011, 400),
            (contact::PAGE_TOKEN_INVALID, 40012, 400),
            (contact::DEPT_DUPLICATE_ORDER, 43005, 400),
            (contact::DEPT_DUPLICATE_CUSTOM_ID, 43007, 400),
            (contact::DEPT_CUSTOM_ID_INVALID, 43008, 400),
            (contact::DEPT_RELATION_INVALID, 43017, 400),
            (contact::DEPT_MAX_DEPTH, 43019, 400),
            (contact::DEPT_NAME_HAS_SEPARATOR, 43029, 400),
            (contact::DEPARTMENT_ID_MISSING, 44102, 400),
            (im::INVALID_PARAM, 232001, 400),
            (im::CHAT_FULL, 232013, 400),
            (im::EXTERNAL_TO_INTERNAL, 232028, 400),
            (vc::PARAM_ERROR, 121003, 400),
            (vc::NO_PERMISSION, 121005, 403),
            (vc::DATA_CONFLICT, 121006, 409),
            (vc::MEETING_NOT_EXIST, 122002, 404),
        ];
        for (c, code, status) in cases {
            assert_eq!((c.code, c.status), (*code, *status), "{}", c.msg);
        }
    }
}
