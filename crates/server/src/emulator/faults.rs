//! Injected faults: the next `times` calls matching a method and a path pattern fail with a
//! chosen status, code and msg. `*` in the pattern matches any run of characters.

use std::sync::Mutex;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Fault {
    /// Upper-case method, or `*` for any.
    pub method: String,
    pub path_pattern: String,
    pub http_status: u16,
    pub code: i64,
    pub msg: String,
    pub times: u32,
}

#[derive(Default)]
pub struct Faults {
    list: Mutex<Vec<Fault>>,
}

/// Glob match where `*` matches any (possibly empty) run of characters.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

impl Faults {
    pub fn add(&self, fault: Fault) {
        self.list.lock().unwrap_or_else(|p| p.into_inner()).push(fault);
    }

    pub fn clear(&self) {
        self.list.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    pub fn list(&self) -> Vec<Fault> {
        self.list.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The first fault matching this call, with one use consumed; spent faults are dropped.
    pub fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut list = self.list.lock().unwrap_or_else(|p| p.into_inner());
        let idx = list.iter().position(|f| {
            (f.method == "*" || f.method.eq_ignore_ascii_case(method)) && glob_match(&f.path_pattern, path)
        })?;
        let fault = list[idx].clone();
        list[idx].times -= 1;
        if list[idx].times == 0 {
            list.remove(idx);
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("/open-apis/contact/v3/users/*", "/open-apis/contact/v3/users/ou_1"));
        assert!(glob_match("*", "/x"));
        assert!(glob_match("/a/*/c", "/a/b/b/c"));
        assert!(!glob_match("/a/*/c", "/a/b/d"));
        assert!(glob_match("/exact", "/exact"));
        assert!(!glob_match("/exact", "/exact/more"));
    }

    #[test]
    fn faults_are_consumed() {
        let f = Faults::default();
        f.add(Fault {
            method: "GET".into(),
            path_pattern: "/x*".into(),
            http_status: 500,
            code: 1,
            msg: "m".into(),
            times: 2,
        });
        assert!(f.take("POST", "/x").is_none());
        assert!(f.take("get", "/x1").is_some());
        assert!(f.take("GET", "/x2").is_some());
        assert!(f.take("GET", "/x3").is_none());
    }
}
