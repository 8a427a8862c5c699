//! Parsing time of the worst input shapes of every format at 1, 2, 4 and 8 MB, release build:
//! the figures BENCHMARKS.md states beside the scaling test (which runs unoptimised).
//! `cargo bench --bench parse_scaling`

#[path = "../tests/suite/support/shapes.rs"]
mod shapes;

const MB: usize = 1024 * 1024;

fn main() {
    println!("{:<45} {:>9} {:>9} {:>9} {:>9}  1→8 MB", "shape", "1 MB", "2 MB", "4 MB", "8 MB");
    for shape in shapes::shapes() {
        let costs: Vec<f64> = [MB, 2 * MB, 4 * MB, 8 * MB]
            .iter()
            .map(|&size| shapes::parse_cost(shape.file, &(shape.generate)(size), 3))
            .collect();
        let shown: Vec<String> = costs.iter().map(|c| format!("{:>6.1} ms", c * 1000.0)).collect();
        println!("{:<45} {}  {:.1}×", shape.name, shown.join(" "), costs[3] / costs[0]);
    }
}
