//! Group chat and chat membership failures (issue 3).

#[derive(Debug, Clone, PartialEq)]
pub enum ChatError {}
