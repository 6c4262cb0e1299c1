//! Meeting failures (issue 4).

#[derive(Debug, Clone, PartialEq)]
pub enum MeetingError {}
