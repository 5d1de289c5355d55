//! Render time of every chart, as SVG and as PNG, for the default scenario at
//! page size (and PNG at slide size): the estimate is computed once outside
//! the timed loop, as each chart request computes it once before drawing.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use server::charts::{self, Chart, ChartOptions, Format, Size};

fn charts(c: &mut Criterion) {
    let catalog = engine::Catalog::shipped();
    let scenario = engine::Scenario::default();
    let estimate = engine::estimate(&catalog, &scenario).expect("the default scenario is valid");
    let page = ChartOptions {
        size: Size::Page,
        scenario_name: scenario.name.clone(),
    };
    let slide = ChartOptions {
        size: Size::Slide,
        ..page.clone()
    };
    for chart in Chart::ALL {
        for (format, size, opts) in [
            (Format::Svg, "page", &page),
            (Format::Png, "page", &page),
            (Format::Png, "slide", &slide),
        ] {
            let name = format!("{}.{} {size}", chart.name(), format.extension());
            c.bench_function(&name, |b| {
                b.iter(|| charts::render(chart, format, black_box(&estimate), opts).expect("renders"))
            });
        }
    }
}

criterion_group!(benches, charts);
criterion_main!(benches);
