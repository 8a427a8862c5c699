//! No input shape costs more than about linear time: every format, generated at 1, 2, 4 and 8 MB
//! in the worst shapes we know (deep nesting, many short lines, many anchors or headers, one long
//! line), must parse in CPU time that grows about as the size does. Measured as a ratio of the
//! parsing thread's own CPU time (not wall time: other processes do not count), so no absolute
//! threshold: linear work gives 8× from 1 to 8 MB, quadratic 64×; the bound is 20×. The ladder
//! starts at 128 KB and allows 2.5× the size's ratio at each step, so a square fails early.

use crate::support::shapes::{parse_cost, shapes, Shape};

const KB: usize = 1024;
const MB: usize = 1024 * KB;
/// From 128 KB, so that a square is caught before it reaches sizes where it would run for an hour.
const SIZES: [usize; 7] = [128 * KB, 256 * KB, 512 * KB, MB, 2 * MB, 4 * MB, 8 * MB];
/// From 1 MB to 8 MB: linear is 8, n·log n about 9, quadratic 64.
const MAX_GROWTH: f64 = 20.0;

/// Growth over the first size's cost allowed at `size`: linear work grows as the size, and the
/// margin is 2.5× that. From 1 MB to 8 MB it is [`MAX_GROWTH`] (a square would be 64×).
fn allowed_growth(size: usize) -> f64 {
    2.5 * (size / SIZES[0]) as f64
}

/// The CPU cost of parsing `shape` at each of [`SIZES`], smallest first; stops at the first size
/// past its allowed growth, so a square fails in seconds instead of running for an hour.
fn costs_of(shape: &Shape) -> Vec<f64> {
    let mut costs = Vec::new();
    for &size in &SIZES {
        let text = (shape.generate)(size);
        // Small inputs are measured more often: their floor is what the ratios divide by.
        let runs = match size {
            s if s <= 512 * KB => 3,
            s if s <= MB => 2,
            _ => 1,
        };
        costs.push(parse_cost(shape.file, &text, runs));
        if growth(&costs, 0) > allowed_growth(size) {
            break;
        }
    }
    costs
}

/// The last cost over the one at `from` (floored at a tenth of a millisecond).
fn growth(costs: &[f64], from: usize) -> f64 {
    costs[costs.len() - 1] / costs[from].max(1e-4)
}

/// What is wrong with the costs measured, if anything.
fn verdict(costs: &[f64]) -> Option<String> {
    let size = SIZES[costs.len() - 1];
    if growth(costs, 0) > allowed_growth(size) {
        return Some(format!("{:.1}× from {} KB to {} KB", growth(costs, 0), SIZES[0] / KB, size / KB));
    }
    let one_mb = SIZES.iter().position(|&s| s == MB).expect("1 MB is measured");
    (growth(costs, one_mb) > MAX_GROWTH).then(|| format!("{:.1}× from 1 to 8 MB", growth(costs, one_mb)))
}

#[test]
fn every_format_parses_in_about_linear_time() {
    let shapes = shapes();
    // Two threads, each timing its own CPU: the machine's other work does not count.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let at = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(shape) = shapes.get(at) else { break };
                let costs = costs_of(shape);
                let shown: Vec<String> = costs.iter().map(|c| format!("{:.1}", c * 1000.0)).collect();
                eprintln!("{:<45} ms: {}", shape.name, shown.join(" "));
                if let Some(why) = verdict(&costs) {
                    failures.lock().unwrap().push(format!(
                        "{}: {why} (ms: {})",
                        shape.name,
                        shown.join(", ")
                    ));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "grows faster than linear:\n{}", failures.join("\n"));
}

#[test]
fn the_generators_make_what_they_say() {
    for shape in shapes() {
        let text = (shape.generate)(MB);
        assert!(
            text.len() >= MB * 9 / 10 && text.len() <= MB * 11 / 10,
            "{}: {} bytes",
            shape.name,
            text.len()
        );
    }
}
