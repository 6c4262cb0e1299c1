//! Reading the tree: `GET departments/batch`, `…/:department_id/children`,
//! `…/departments/parent` and `POST …/departments/search`. Every read is limited to the app's
//! contact scope.

use super::{DepartmentView, checks, view};
use crate::error::{ContactError, Error, Result};
use crate::ids::{DepartmentIdType, DeptId};
use crate::model::Department;
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::{TreePos, Tx};

/// `children` pages hold 10 departments unless asked otherwise, and at most 50.
pub const CHILDREN_PAGE_DEFAULT: i64 = 10;
/// `parent` pages hold 20 departments unless asked otherwise, and at most 50.
pub const PARENTS_PAGE_DEFAULT: i64 = 20;
/// `search` pages hold 20 departments unless asked otherwise, and at most 50.
pub const SEARCH_PAGE_DEFAULT: i64 = 20;
pub const MAX_PAGE_SIZE: i64 = 50;
/// Departments `search` reads from the store at a time while it fills a page.
const SEARCH_CHUNK: u32 = 200;

/// How deep `fetch_child` walks: everything (the rules stop trees at 25 levels).
const ALL_LEVELS: u32 = 64;

/// A page of departments and where the next one starts.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentPage<C> {
    pub items: Vec<DepartmentView>,
    /// `Some` while there is more.
    pub next: Option<C>,
}

/// A page size: `default` when absent, 1–50 otherwise (40011).
pub fn page_size(raw: Option<i64>, default: i64) -> Result<u32> {
    match raw {
        None => Ok(default as u32),
        Some(n) if (1..=MAX_PAGE_SIZE).contains(&n) => Ok(n as u32),
        Some(_) => Err(ContactError::PageSizeInvalid.into()),
    }
}

/// `GET /contact/v3/departments/batch`: the departments `raws` name, in the order asked, each
/// once. Ids that name nothing, or a department outside the app's contact scope, are left out
/// (Lark: "abnormal ids return no result"); 1–50 ids.
pub fn batch(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raws: &[String],
) -> Result<Vec<DepartmentView>> {
    if raws.is_empty() {
        return Err(Error::invalid("department_ids", "is required"));
    }
    let max = env.settings.contact.max_batch_ids;
    if raws.len() > max {
        return Err(Error::invalid("department_ids", format!("at most {max} ids")));
    }
    let mut seen: Vec<DeptId> = Vec::with_capacity(raws.len());
    let mut out = Vec::with_capacity(raws.len());
    for raw in raws {
        let Lookup::Found(d) = ids::lookup_department(tx, env, caller, id_type, raw)? else { continue };
        if seen.contains(&d.id) || !ids::scope_covers_department(tx, caller, &d)? {
            continue;
        }
        seen.push(d.id);
        out.push(view(tx, caller, d)?);
    }
    Ok(out)
}

/// Which page of children to read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChildrenPage {
    /// Every level below, not only the children.
    pub fetch_child: bool,
    pub page_size: u32,
    /// The position of the last department of the previous page.
    pub after: Option<TreePos>,
}

/// `GET /contact/v3/departments/:department_id/children`: the live children of a department in
/// display order (`order`, then creation), or with `fetch_child` every department below it,
/// depth first (each before its own children). The department must be in the app's scope
/// (40004); the root needs the whole organization.
pub fn children(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raw: &str,
    page: &ChildrenPage,
) -> Result<DepartmentPage<TreePos>> {
    let top = checks::visible_department(tx, env, caller, id_type, raw)?;
    let levels = if page.fetch_child { ALL_LEVELS } else { 1 };
    let (page_size, after) = (page.page_size, page.after.as_ref());
    if after.is_some_and(|p| p.0.is_empty() || p.0.len() > levels as usize) {
        return Err(ContactError::PageTokenInvalid.into());
    }
    let mut rows = tx.descendant_departments(caller.tenant, top.id, levels, after, page_size + 1)?;
    let next = if rows.len() > page_size as usize {
        rows.truncate(page_size as usize);
        rows.last().map(|(_, pos)| pos.clone())
    } else {
        None
    };
    let mut items = Vec::with_capacity(rows.len());
    for (d, _) in rows {
        items.push(view(tx, caller, d)?);
    }
    Ok(DepartmentPage { items, next })
}

/// `GET /contact/v3/departments/parent`: the ancestors of a department, nearest first, without
/// the root and only as far up as the app's contact scope reaches (an app that sees B of
/// A > B > C > D gets C and B for D). `after` is the last ancestor of the previous page.
pub fn parents(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raw: Option<&str>,
    page_size: u32,
    after: Option<DeptId>,
) -> Result<DepartmentPage<DeptId>> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Err(ContactError::DepartmentIdMissing.into());
    };
    let dept = checks::visible_department(tx, env, caller, id_type, raw)?;
    let mut chain = Vec::new();
    for a in checks::ancestors(tx, caller.tenant, &dept)? {
        if a.is_root() || !ids::scope_covers_department(tx, caller, &a)? {
            break;
        }
        chain.push(a);
    }
    let start = match after {
        None => 0,
        Some(id) => chain.iter().position(|d| d.id == id).ok_or(ContactError::PageTokenInvalid)? + 1,
    };
    let rest: Vec<_> = chain.into_iter().skip(start).collect();
    let more = rest.len() > page_size as usize;
    let mut items = Vec::new();
    for d in rest.into_iter().take(page_size as usize) {
        items.push(view(tx, caller, d)?);
    }
    let next = if more { items.last().map(|v| v.department.id) } else { None };
    Ok(DepartmentPage { items, next })
}

/// `POST /contact/v3/departments/search` (a user token): the live departments, the root aside,
/// whose name or an i18n name contains `query` (compared in lower case), that the app's contact
/// scope covers, in creation order. The page token is the last department's internal id.
pub fn search(
    tx: &mut dyn Tx,
    caller: &Caller,
    query: &str,
    page_size: u32,
    after: Option<DeptId>,
) -> Result<DepartmentPage<DeptId>> {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return Err(Error::invalid("query", "is required"));
    }
    let mut found = Vec::new();
    let mut cursor = after;
    loop {
        let chunk = tx.live_departments(caller.tenant, cursor, SEARCH_CHUNK)?;
        let exhausted = chunk.len() < SEARCH_CHUNK as usize;
        for d in chunk {
            cursor = Some(d.id);
            if !names_contain(&d, &needle) || !ids::scope_covers_department(tx, caller, &d)? {
                continue;
            }
            if found.len() == page_size as usize {
                let next = found.last().map(|d: &Department| d.id);
                return views(tx, caller, found, next);
            }
            found.push(d);
        }
        if exhausted {
            return views(tx, caller, found, None);
        }
    }
}

fn names_contain(d: &Department, needle: &str) -> bool {
    let i18n = [&d.i18n.zh_cn, &d.i18n.ja_jp, &d.i18n.en_us];
    std::iter::once(d.name.as_str())
        .chain(i18n.into_iter().filter_map(|n| n.as_deref()))
        .any(|n| n.to_lowercase().contains(needle))
}

fn views(
    tx: &mut dyn Tx,
    caller: &Caller,
    found: Vec<Department>,
    next: Option<DeptId>,
) -> Result<DepartmentPage<DeptId>> {
    let mut items = Vec::with_capacity(found.len());
    for d in found {
        items.push(view(tx, caller, d)?);
    }
    Ok(DepartmentPage { items, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes() {
        assert_eq!(page_size(None, 10), Ok(10));
        assert_eq!(page_size(Some(1), 10), Ok(1));
        assert_eq!(page_size(Some(50), 10), Ok(50));
        for bad in [0, -1, 51] {
            assert_eq!(page_size(Some(bad), 10), Err(ContactError::PageSizeInvalid.into()), "{bad}");
        }
    }
}
