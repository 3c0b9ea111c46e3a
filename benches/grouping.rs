//! The grouping engine on the social golfer instances of the README: each
//! must come out without a repeated pair well within 2 s. `cargo bench -p
//! moderato-benches --bench grouping -- --table` prints the README's table instead (the
//! engine beside the simple greedy one-round-at-a-time approach).
#![allow(clippy::unwrap_used)] // a benchmark that cannot set up should stop loudly

// criterion is a Linux-only dependency (see benches/Cargo.toml).
#[cfg(not(target_os = "linux"))]
fn main() {}

#[cfg(target_os = "linux")]
mod bench {
    use std::collections::BTreeMap;
    use std::time::{Duration, Instant};

    use criterion::{BenchmarkId, Criterion};
    use moderato::core::contacts::Contacts;
    use moderato::core::grouping::{Budget, Ended, Request, form_greedily, form_within, size_pattern};

    /// People, group size, rounds, and what the instance is called.
    pub const INSTANCES: [(usize, usize, usize, &str); 7] = [
        (15, 3, 7, "Kirkman's schoolgirls"),
        (16, 4, 5, "AG(2,4)"),
        (18, 3, 8, "nearly Kirkman"),
        (20, 4, 5, "AG(2,5) without a line"),
        (25, 5, 6, "AG(2,5)"),
        (15, 5, 3, "repeats unavoidable"),
        (500, 3, 50, "the plan's limit"),
    ];

    /// A cohort grown from the demo's shape: N people, each of another organisation, no history.
    pub fn request(people: usize, size: usize, rounds: usize, seed: u64) -> Request {
        let people: Vec<String> = (1..=people).map(|i| format!("p{i:02}")).collect();
        Request {
            organisations: people
                .iter()
                .map(|id| (id.clone(), format!("Behörde {id}")))
                .collect::<BTreeMap<_, _>>(),
            people,
            size,
            rounds,
            allow_larger: false,
            never_together: Vec::new(),
            hosts: Vec::new(),
            seed,
        }
    }

    /// `moderato groups`' default: two seconds' budget and a two-second cap.
    fn engine(request: &Request) -> moderato::core::grouping::Schedule {
        let started = Instant::now();
        let mut go_on = |_| started.elapsed() < Duration::from_secs(2);
        form_within(request, &Contacts::default(), Budget::default(), &mut go_on).unwrap()
    }

    pub fn instances(c: &mut Criterion) {
        let mut group = c.benchmark_group("grouping");
        group.sample_size(10);
        for (people, size, rounds, name) in INSTANCES.iter().take(5) {
            let label = format!("{people} in groups of {size} over {rounds} rounds ({name})");
            let mut seed = 0;
            group.bench_function(BenchmarkId::from_parameter(label), |b| {
                b.iter(|| {
                    // A new seed each time: the figure is over many searches, not one lucky start.
                    seed += 1;
                    let schedule = engine(&request(*people, *size, *rounds, seed));
                    assert_eq!(schedule.quality.repeated_pairs(), 0);
                    schedule
                });
            });
        }
        group.finish();
    }

    /// The README's table: per instance over `seeds` seeds, the engine's
    /// worst repeats and time and how often it proved its result optimal,
    /// beside the greedy approach's repeats.
    pub fn table(seeds: u64) {
        println!(
            "| instance | people | groups × size | rounds | lower bound | engine: repeats (worst of {seeds} seeds) | engine: time, mean · slowest | proven optimal | greedy one round at a time: repeats (mean) |"
        );
        println!("|---|---|---|---|---|---|---|---|---|");
        for (people, size, rounds, name) in INSTANCES {
            let (mut worst, mut proven, mut total, mut slowest, mut greedy) =
                (0, 0, Duration::ZERO, Duration::ZERO, 0);
            let mut bound = 0;
            for seed in 1..=seeds {
                let asked = request(people, size, rounds, seed);
                let started = Instant::now();
                let schedule = engine(&asked);
                let took = started.elapsed();
                total += took;
                slowest = slowest.max(took);
                worst = worst.max(schedule.quality.repeated_pairs());
                bound = schedule.lower_bound;
                proven += usize::from(schedule.optimal && schedule.ended != Ended::Cap);
                greedy += form_greedily(&asked, &Contacts::default()).unwrap().quality.repeated_pairs();
            }
            let seeds_usize = usize::try_from(seeds).unwrap();
            let mean = total / u32::try_from(seeds).unwrap();
            let sizes = size_pattern(people, size, false).unwrap();
            let smaller = sizes.iter().filter(|&&s| s < size).count();
            let groups = match smaller {
                0 => format!("{} × {size}", sizes.len()),
                _ => format!("{} × {size} + {smaller} × {}", sizes.len() - smaller, size - 1),
            };
            println!(
                "| {name} | {people} | {groups} | {rounds} | {bound} | {worst} | {:.1} ms · {:.1} ms | {proven} of {seeds} | {:.1} |",
                mean.as_secs_f64() * 1000.0,
                slowest.as_secs_f64() * 1000.0,
                greedy as f64 / seeds_usize as f64,
            );
        }
    }
}

#[cfg(target_os = "linux")]
criterion::criterion_group!(benches, bench::instances);

#[cfg(target_os = "linux")]
fn main() {
    if std::env::args().any(|arg| arg == "--table") {
        bench::table(20);
        return;
    }
    benches();
    criterion::Criterion::default().configure_from_args().final_summary();
}
