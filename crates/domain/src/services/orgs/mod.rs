//! Bringing people into an organization: admin roles and the invitation setting, admin-added
//! members, invitations (link, code, QR, email, SMS) and their redemption, join requests and
//! their approval, plans and seats, the invitation notifier's outbox, and the audit that says who
//! added whom.

pub mod admin;
pub mod audit;
pub mod demo;
pub mod invitations;
pub mod members;
pub mod notices;
pub mod redeem;
pub mod requests;
pub mod roles;
pub mod seats;

use crate::error::{Error, Result};

/// A page of a list: at most `limit` items, and the cursor to ask for the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<i64>,
}

/// Checks a requested page size against the settings (1..=max, default 20).
pub fn page_size(requested: Option<i64>, max: u32) -> Result<u32> {
    match requested {
        None => Ok(20.min(max)),
        Some(n) if n >= 1 && n <= i64::from(max) => Ok(n as u32),
        Some(_) => Err(Error::invalid("page_size", format!("must be 1-{max}"))),
    }
}

/// Builds a page from `limit + 1` fetched rows, newest first, with `id` giving the cursor.
pub fn page_of<T>(mut rows: Vec<T>, limit: u32, id: impl Fn(&T) -> i64) -> Page<T> {
    let next = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(&id)
    } else {
        None
    };
    Page { items: rows, next }
}
