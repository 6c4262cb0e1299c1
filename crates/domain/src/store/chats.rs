//! Repository of group chats and their members, managers and join requests (issue 3).

pub trait ChatRepo {}
