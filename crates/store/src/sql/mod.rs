//! The repository code both backends share. Each backend provides a [`Conn`]; [`SqlTx`]
//! implements every repository trait once on top of it. SQL is written in the subset both
//! databases speak, with `$1`-style parameters (rewritten to `?1` for SQLite), integers as 64-bit,
//! booleans as 0/1 and JSON as text.

mod auth;
mod chats;
mod contact;
pub(crate) mod contact_reads;
mod departments;
mod events;
mod lifecycle;
mod meetings;
mod orgs;
mod tenancy;
mod user_lookups;

use roster_domain::clock::Timestamp;
use roster_domain::error::{Error, Result, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// A bound parameter.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Param<'a> {
    Null,
    I64(i64),
    Text(&'a str),
    /// A list for `= ANY($n)` (PostgreSQL) / `IN (SELECT value FROM json_each($n))` (SQLite).
    I64List(&'a [i64]),
}

impl From<i64> for Param<'_> {
    fn from(v: i64) -> Self {
        Param::I64(v)
    }
}
impl From<bool> for Param<'_> {
    fn from(v: bool) -> Self {
        Param::I64(v as i64)
    }
}
impl<'a> From<&'a str> for Param<'a> {
    fn from(v: &'a str) -> Self {
        Param::Text(v)
    }
}
impl<'a> From<&'a String> for Param<'a> {
    fn from(v: &'a String) -> Self {
        Param::Text(v)
    }
}
impl<'a> From<Option<&'a str>> for Param<'a> {
    fn from(v: Option<&'a str>) -> Self {
        v.map_or(Param::Null, Param::Text)
    }
}
impl<'a> From<&'a Option<String>> for Param<'a> {
    fn from(v: &'a Option<String>) -> Self {
        v.as_deref().map_or(Param::Null, Param::Text)
    }
}
impl From<Option<i64>> for Param<'_> {
    fn from(v: Option<i64>) -> Self {
        v.map_or(Param::Null, Param::I64)
    }
}
impl From<Timestamp> for Param<'_> {
    fn from(v: Timestamp) -> Self {
        Param::I64(v.0)
    }
}
impl From<Option<Timestamp>> for Param<'_> {
    fn from(v: Option<Timestamp>) -> Self {
        v.map_or(Param::Null, |t| Param::I64(t.0))
    }
}
impl<'a> From<&'a [i64]> for Param<'a> {
    fn from(v: &'a [i64]) -> Self {
        Param::I64List(v)
    }
}

/// `p![a, b, c]` builds a parameter slice.
macro_rules! p {
    ($($e:expr),* $(,)?) => { &[$($crate::sql::Param::from($e)),*] };
}
pub(crate) use p;

/// One result row, read by column index.
pub(crate) trait RowRef {
    fn get_i64(&self, idx: usize) -> Result<Option<i64>, StoreError>;
    fn get_text(&self, idx: usize) -> Result<Option<String>, StoreError>;
}

/// Typed accessors over a [`RowRef`].
#[derive(Clone, Copy)]
pub(crate) struct Row<'r>(pub &'r dyn RowRef);

fn null_at(idx: usize) -> StoreError {
    StoreError::Other(format!("unexpected NULL in column {idx}"))
}

impl Row<'_> {
    pub fn i64(&self, idx: usize) -> Result<i64, StoreError> {
        self.0.get_i64(idx)?.ok_or_else(|| null_at(idx))
    }
    pub fn opt_i64(&self, idx: usize) -> Result<Option<i64>, StoreError> {
        self.0.get_i64(idx)
    }
    pub fn bool(&self, idx: usize) -> Result<bool, StoreError> {
        Ok(self.i64(idx)? != 0)
    }
    pub fn text(&self, idx: usize) -> Result<String, StoreError> {
        self.0.get_text(idx)?.ok_or_else(|| null_at(idx))
    }
    pub fn opt_text(&self, idx: usize) -> Result<Option<String>, StoreError> {
        self.0.get_text(idx)
    }
    pub fn ts(&self, idx: usize) -> Result<Timestamp, StoreError> {
        self.i64(idx).map(Timestamp)
    }
    pub fn opt_ts(&self, idx: usize) -> Result<Option<Timestamp>, StoreError> {
        Ok(self.opt_i64(idx)?.map(Timestamp))
    }
    /// A JSON text column decoded into `T`.
    pub fn json<T: serde::de::DeserializeOwned>(&self, idx: usize) -> Result<T, StoreError> {
        let raw = self.text(idx)?;
        serde_json::from_str(&raw).map_err(|e| StoreError::Other(format!("bad JSON in column {idx}: {e}")))
    }
}

pub(crate) type RowFn<'f> = dyn FnMut(Row<'_>) -> Result<(), StoreError> + 'f;

/// A connection inside an open transaction.
pub(crate) trait Conn {
    fn dialect(&self) -> Dialect;
    fn execute(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<u64, StoreError>;
    fn query(&mut self, sql: &'static str, params: &[Param<'_>], each: &mut RowFn<'_>) -> Result<(), StoreError>;
    /// Runs DDL or other statements that take no parameters.
    fn batch(&mut self, sql: &str) -> Result<(), StoreError>;
    /// Runs a one-row `INSERT … RETURNING <integer primary key>`; the key, or `None` when no
    /// row was inserted.
    fn insert_key(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Option<i64>, StoreError> {
        returned_key(self, sql, params)
    }
}

/// The first column of the first row a statement returns, as an integer.
pub(crate) fn returned_key<C: Conn + ?Sized>(
    conn: &mut C,
    sql: &'static str,
    params: &[Param<'_>],
) -> Result<Option<i64>, StoreError> {
    let mut key = None;
    conn.query(sql, params, &mut |row| {
        if key.is_none() {
            key = Some(row.i64(0)?);
        }
        Ok(())
    })?;
    Ok(key)
}

/// The one transaction type both backends hand to use-cases.
pub(crate) struct SqlTx<'c> {
    pub conn: &'c mut dyn Conn,
}

impl<'c> SqlTx<'c> {
    pub fn new(conn: &'c mut dyn Conn) -> Self {
        SqlTx { conn }
    }

    pub fn dialect(&self) -> Dialect {
        self.conn.dialect()
    }

    /// Picks the statement for this dialect, where the two differ.
    pub fn pick(&self, sqlite: &'static str, postgres: &'static str) -> &'static str {
        match self.dialect() {
            Dialect::Sqlite => sqlite,
            Dialect::Postgres => postgres,
        }
    }

    pub fn exec(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<u64> {
        Ok(self.conn.execute(sql, params)?)
    }

    /// Runs a one-row `INSERT … RETURNING id` (the table's integer primary key) and returns the id.
    pub fn insert_id(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<i64> {
        self.conn.insert_key(sql, params)?.ok_or_else(|| Error::Internal("INSERT returned no id".into()))
    }

    pub fn one<T>(
        &mut self,
        sql: &'static str,
        params: &[Param<'_>],
        map: impl Fn(Row<'_>) -> Result<T, StoreError>,
    ) -> Result<Option<T>> {
        let mut out = None;
        self.conn.query(sql, params, &mut |row| {
            if out.is_none() {
                out = Some(map(row)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    pub fn all<T>(
        &mut self,
        sql: &'static str,
        params: &[Param<'_>],
        map: impl Fn(Row<'_>) -> Result<T, StoreError>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.conn.query(sql, params, &mut |row| {
            out.push(map(row)?);
            Ok(())
        })?;
        Ok(out)
    }

    pub fn count(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<i64> {
        Ok(self.one(sql, params, |r| r.i64(0))?.unwrap_or(0))
    }
}

/// Encodes a value as JSON text for a JSON column.
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serializes")
}

/// Rewrites `$1` placeholders to SQLite's `?1` (same numbering, so reuse works identically).
pub(crate) fn sqlite_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if c == '\'' {
            in_string = !in_string;
        }
        if c == '$' && !in_string && chars.peek().is_some_and(|n| n.is_ascii_digit()) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

/// Tables every data wipe skips: schema bookkeeping and server metadata.
pub(crate) const KEEP_ON_WIPE: &[&str] = &["schema_migrations", "meta"];

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders() {
        assert_eq!(super::sqlite_placeholders("a = $1 AND b = $12 AND c = '$3'"), "a = ?1 AND b = ?12 AND c = '$3'");
    }
}
