//! Repository of event delivery: subscriptions, attempts and cursors (issue 6).

pub trait EventRepo {}
