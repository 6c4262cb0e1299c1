//! Which statements can change what contact reads return (users, departments, the apps and
//! tenants they are read through), so a backend can tell its process-local read caches when to
//! forget: see [`roster_domain::store::Backend::contact_generation`].
//!
//! Conservative by construction: a statement counts as a change unless it is a plain read or
//! writes only to a table listed in [`OUTSIDE_CONTACT_READS`]. A new table therefore counts until
//! someone shows it cannot change a contact read and adds it to the list.

/// Tables no contact read looks at and that busy paths write (tokens, events, chats, meetings,
/// seats, invitations). Writing to them leaves cached contact replies valid. Tables written
/// rarely stay off the list even where they look unrelated (collaborations, plans): listing them
/// would save nothing.
const OUTSIDE_CONTACT_READS: &[&str] = &[
    "access_tokens",
    "outbox",
    "idempotency",
    "chats",
    "chat_members",
    "chat_bots",
    "chat_join_requests",
    "chat_links",
    "chat_policies",
    "meeting_reserves",
    "meetings",
    "meeting_participants",
    "meeting_busy_users",
    "event_dispatch",
    "event_deliveries",
    "event_attempts",
    "event_endpoints",
    "org_seats",
    "org_invitations",
    "org_join_requests",
    "org_notifications",
    "org_audit",
    "departure_chats",
    "oauth_codes",
    "oauth_sign_in_tickets",
    "oauth_token_scopes",
];

/// Whether running `sql` may change what a contact read returns.
pub(crate) fn may_change_contact_reads(sql: &str) -> bool {
    let mut words = sql.split(|c: char| c.is_whitespace() || c == '(').filter(|w| !w.is_empty());
    let Some(first) = words.next() else { return false };
    let table = match first.to_ascii_uppercase().as_str() {
        "SELECT" => return false,
        // A CTE may hide a write anywhere after it; only a CTE that writes nothing is a read.
        "WITH" => return ["INSERT", "UPDATE", "DELETE", "REPLACE"].iter().any(|w| contains_word(sql, w)),
        "INSERT" | "REPLACE" => words.find(|w| w.eq_ignore_ascii_case("INTO")).and_then(|_| words.next()),
        "UPDATE" => words.find(|w| !is_conflict_clause(w)),
        "DELETE" => words.find(|w| w.eq_ignore_ascii_case("FROM")).and_then(|_| words.next()),
        _ => return true,
    };
    table.is_none_or(|t| !OUTSIDE_CONTACT_READS.iter().any(|o| o.eq_ignore_ascii_case(t.trim_matches('"'))))
}

/// `UPDATE OR IGNORE t …`: the words between UPDATE and the table.
fn is_conflict_clause(w: &str) -> bool {
    ["OR", "ROLLBACK", "ABORT", "REPLACE", "FAIL", "IGNORE"].iter().any(|k| w.eq_ignore_ascii_case(k))
}

fn contains_word(sql: &str, word: &str) -> bool {
    sql.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::may_change_contact_reads as changes;

    #[test]
    fn reads_and_writes_outside_the_contact_model_change_nothing() {
        assert!(!changes("SELECT id FROM users WHERE tenant_id = $1"));
        assert!(!changes("\n  select 1"));
        assert!(!changes("INSERT INTO outbox (tenant_id, body) VALUES ($1, $2) RETURNING seq"));
        assert!(!changes("UPDATE event_deliveries SET status = 'done' WHERE id = $1"));
        assert!(!changes("DELETE FROM chat_members WHERE chat_id = $1"));
        assert!(!changes("INSERT OR IGNORE INTO chat_members(chat_id, user_id) VALUES ($1, $2)"));
        assert!(!changes("WITH RECURSIVE t(id) AS (SELECT id FROM departments) SELECT id FROM t"));
    }

    #[test]
    fn writes_to_contact_tables_and_anything_unknown_change_reads() {
        assert!(changes("INSERT INTO users (tenant_id, name) VALUES ($1, $2)"));
        assert!(changes("UPDATE users SET name = $2 WHERE id = $1"));
        assert!(changes("UPDATE OR IGNORE departments SET name = $2"));
        assert!(changes("DELETE FROM user_departments WHERE user_id = $1"));
        assert!(changes("INSERT INTO \"apps\" (id) VALUES ($1)"));
        assert!(changes("WITH x AS (SELECT 1) UPDATE users SET name = 'a'"));
        assert!(changes("CREATE TABLE later (id INTEGER)"));
        assert!(changes("DELETE FROM some_table_added_later"));
        assert!(changes("UPDATE"));
    }
}
