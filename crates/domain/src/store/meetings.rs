//! Repository of meeting reserves, meetings and participants (issue 4).

pub trait MeetingRepo {}
