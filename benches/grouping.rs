//! The grouping engine on the classical instances: each must come out without
//! a repeated pair, well within 2 s (the figures are in the README).
#![allow(clippy::unwrap_used)] // a benchmark that cannot set up should stop loudly

// criterion is a Linux-only dev-dependency (see Cargo.toml).
#[cfg(not(target_os = "linux"))]
fn main() {}

#[cfg(target_os = "linux")]
mod bench {
    use std::collections::BTreeMap;

    use criterion::{BenchmarkId, Criterion};
    use moderato::core::contacts::Contacts;
    use moderato::core::grouping::{Request, form};

    fn request(people: usize, size: usize, rounds: usize, seed: u64) -> Request {
        Request {
            people: (1..=people).map(|i| format!("p{i:02}")).collect(),
            size,
            rounds,
            allow_larger: false,
            organisations: BTreeMap::new(),
            never_together: Vec::new(),
            hosts: Vec::new(),
            seed,
        }
    }

    pub fn instances(c: &mut Criterion) {
        let mut group = c.benchmark_group("grouping");
        for (people, size, rounds) in [(15, 3, 5), (15, 3, 7), (12, 2, 11), (30, 5, 3), (16, 4, 5)] {
            let name = format!("{people} in groups of {size} over {rounds} rounds");
            let mut seed = 0;
            group.bench_function(BenchmarkId::from_parameter(name), |b| {
                b.iter(|| {
                    // A new seed each time: the figure is over many searches, not one lucky start.
                    seed += 1;
                    let schedule = form(&request(people, size, rounds, seed), &Contacts::default()).unwrap();
                    assert_eq!(schedule.quality.repeated_pairs(), 0);
                    schedule
                });
            });
        }
        group.finish();
    }
}

#[cfg(target_os = "linux")]
criterion::criterion_group!(benches, bench::instances);
#[cfg(target_os = "linux")]
criterion::criterion_main!(benches);
