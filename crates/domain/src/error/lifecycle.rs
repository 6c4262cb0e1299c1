//! Account lifecycle failures: leaving, deletion, restore, dissolution (issue 5).

#[derive(Debug, Clone, PartialEq)]
pub enum LifecycleError {}
