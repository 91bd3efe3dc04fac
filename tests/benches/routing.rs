//! The server's routing of field reports: the ward or commune of a position (point-in-polygon over
//! the shipped boundaries, `data/areas.geojson`) and the agency the category and area give.
//!
//! Pure computation, no server: 10,000 pseudo-random points from a fixed seed, drawn uniformly
//! over the province's box (`PROVINCE_BOUNDS`: the check a report passes before it is routed),
//! so more than half of them fall at sea or in a neighbouring province. Benchmarks:
//!
//! * `routing/load` — `Routing::load()`: parsing the embedded GeoJSON (done once at start-up);
//! * `routing/area_at` — `Routing::area_at` for each of the 10,000 points;
//! * `routing/route` — `Routing::route` for each point, the category cycling through all ten;
//! * `routing/route_in_city` — the same for the points that lie in an area (what real reports
//!   are), so every call runs point-in-polygon and builds the committee's name.
//!
//! Criterion's figure is per 10,000 calls; the throughput line gives calls per second. Run with
//! `cargo bench -p citizen-tests --bench routing`; see docs/benchmarks.md.

use std::hint::black_box;
use std::time::Duration;

use citizen_protocol::reports::{GeoPoint, PROVINCE_BOUNDS};
use citizen_server::reports::categories;
use citizen_server::reports::routing::Routing;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const POINTS: usize = 10_000;

/// SplitMix64: the same points on every run and machine, without a dependency.
fn points(n: usize, mut seed: u64) -> Vec<GeoPoint> {
    let mut next = move || {
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        // 53 random bits in [0, 1).
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let b = PROVINCE_BOUNDS;
    (0..n)
        .map(|_| GeoPoint {
            lat: b.south + next() * (b.north - b.south),
            lon: b.west + next() * (b.east - b.west),
        })
        .collect()
}

fn routing(c: &mut Criterion) {
    let routing = Routing::load();
    let everywhere = points(POINTS, 2025);
    let in_city: Vec<GeoPoint> = points(POINTS * 4, 2026)
        .into_iter()
        .filter(|p| routing.area_at(*p).is_some())
        .take(POINTS)
        .collect();
    assert_eq!(in_city.len(), POINTS, "enough points fall in the city");
    let found = everywhere
        .iter()
        .filter(|p| routing.area_at(**p).is_some())
        .count();
    println!(
        "routing set-up: {} areas; {found} of {POINTS} points in the province's box lie in one",
        routing.areas().len()
    );
    let categories = categories::all();

    let mut group = c.benchmark_group("routing");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("load", |b| b.iter(|| black_box(Routing::load())));
    group.throughput(Throughput::Elements(POINTS as u64));
    group.bench_function(format!("area_at/{POINTS}"), |b| {
        b.iter(|| {
            for p in &everywhere {
                black_box(routing.area_at(black_box(*p)));
            }
        })
    });
    for (name, points) in [("route", &everywhere), ("route_in_city", &in_city)] {
        group.bench_function(format!("{name}/{POINTS}"), |b| {
            b.iter(|| {
                for (p, category) in points.iter().zip(categories.iter().cycle()) {
                    black_box(routing.route(category, Some(black_box(*p))));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, routing);
criterion_main!(benches);
