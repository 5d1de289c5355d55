//! Render time of every chart, as SVG and as PNG, for the default scenario at
//! page size (and PNG at slide size): the estimate and the analyses are
//! computed once outside the timed loop, so this times the drawing alone
//! (the engine's own benches time the analyses).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use server::charts::{self, Chart, ChartOptions, Figures, Format, Size};

fn charts(c: &mut Criterion) {
    let catalog = engine::Catalog::shipped();
    let scenario = engine::Scenario::default();
    let figures = Figures::compute(&catalog, &scenario, &Chart::ALL).expect("the default scenario is valid");
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
                b.iter(|| charts::render(chart, format, black_box(&figures), opts).expect("renders"))
            });
        }
    }
}

criterion_group!(benches, charts);
criterion_main!(benches);
