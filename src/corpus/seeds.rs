//! The bundled sample corpus, compiled into the binary so `sahifa` works from
//! any directory with no arguments.

macro_rules! seed {
    ($name:literal) => {
        ($name, include_str!(concat!("../../seeds/", $name)))
    };
}

/// (file name, contents) of each seed article, in path order.
pub const SEEDS: [(&str, &str); 5] = [
    seed!("000_4eab74525d7f3c58.txt"),
    seed!("001_28089dff9309f547.txt"),
    seed!("002_a2c1dc23052bfcec.txt"),
    seed!("003_35a7aea116d33d6c.txt"),
    seed!("004_3d76b183650e0d8d.txt"),
];

/// Every non-empty line of the bundled seed pages, in path order: the same
/// real-world text for benchmarks, profiling and the FriBidi oracle.
pub fn seed_lines() -> impl Iterator<Item = &'static str> {
    SEEDS
        .iter()
        .flat_map(|(_, text)| text.lines())
        .filter(|l| !l.trim().is_empty())
}
