//! `roster bench` (filled in below).

use clap::Args;

#[derive(Args, Debug)]
pub struct BenchArgs {}

pub fn run(_args: BenchArgs) -> Result<(), String> {
    Err("not yet".into())
}
