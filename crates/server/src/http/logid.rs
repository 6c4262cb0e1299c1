//! Log ids in Lark's shape: the UTC time as `YYYYMMDDHHMMSS` followed by random hex. Sent in the
//! `X-Tt-Logid` header and in every error body, and attached to what the server logs.

use std::time::{SystemTime, UNIX_EPOCH};

/// Year, month and day of a day count since 1970-01-01 (Howard Hinnant's civil-from-days).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// `YYYYMMDDHHMMSS` of a Unix time in seconds.
pub fn timestamp_digits(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{y:04}{m:02}{d:02}{:02}{:02}{:02}", s / 3600, s / 60 % 60, s % 60)
}

pub fn new_log_id() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let mut id = timestamp_digits(secs);
    id.push_str(&format!("{:016X}{:02X}", rand::random::<u64>(), rand::random::<u8>()));
    id
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::timestamp_digits(0), "19700101000000");
        assert_eq!(super::timestamp_digits(1_608_883_322), "20201225080202");
        assert_eq!(super::timestamp_digits(951_782_400), "20000229000000");
        let id = super::new_log_id();
        assert_eq!(id.len(), 32, "{id}");
    }
}
