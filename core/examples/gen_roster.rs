//! Writes the benchmarks' generated roster: `cargo run --release --example
//! gen_roster -- ROWS PATH`.

#[path = "../benches/roster_gen.rs"]
mod roster_gen;

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args
        .next()
        .and_then(|r| r.parse().ok())
        .expect("a number of rows");
    let path = args.next().expect("a path to write");
    roster_gen::generate(std::path::Path::new(&path), rows);
}
