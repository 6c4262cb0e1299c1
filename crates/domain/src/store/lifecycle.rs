//! Repository of the account lifecycle: exits, purges and dissolutions (issue 5).

pub trait LifecycleRepo {}
