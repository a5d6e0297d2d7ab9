//! Bar charts drawn as SVG by the console itself: plain shapes and text
//! nodes (a resident's words in a label stay text), an accessible name and
//! description, and the same figures as a table beside them.

use yew::prelude::*;

/// One coloured part of every bar, named in the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: &'static str,
    /// A CSS class that colours it (`pe-fill-new`, ...).
    pub class: &'static str,
}

/// One bar: its label and a value per series (stacked in series order);
/// no values at all is "no figure" (shown as a dash), not nought.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    /// What the chart shows, in a sentence, for screen readers.
    pub summary: AttrValue,
    pub series: Vec<Series>,
    pub bars: Vec<Bar>,
    /// The top of the scale; the largest bar when not given.
    #[prop_or_default]
    pub max: Option<f64>,
    /// Bars across (labels may be long) rather than up.
    #[prop_or_default]
    pub across: bool,
    /// The same figures as a table.
    pub table: Html,
    pub as_table: AttrValue,
}

#[function_component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let total = |bar: &Bar| bar.values.iter().sum::<f64>();
    let max = props.max.unwrap_or_else(|| props.bars.iter().map(total).fold(0.0, f64::max)).max(1.0);
    let (title_id, desc_id) = (format!("{}-title", props.id), format!("{}-desc", props.id));
    let svg = if props.across { across(props, max) } else { upright(props, max) };
    html! {
        <figure class="pe-chart" id={props.id.clone()}>
            <figcaption class="pe-chart-title" id={title_id.clone()}>{ &props.title }</figcaption>
            <p class="pe-hint" id={desc_id.clone()}>{ &props.summary }</p>
            if props.series.len() > 1 {
                <ul class="pe-legend">
                    { for props.series.iter().map(|s| html! {
                        <li><svg class="pe-swatch" viewBox="0 0 10 10" aria-hidden="true"><rect class={s.class} width="10" height="10" /></svg>{ s.name }</li>
                    }) }
                </ul>
            }
            <svg class={classes!("pe-chart-svg", props.across.then_some("pe-chart-across"))} role="img" viewBox={svg.0} aria-labelledby={title_id} aria-describedby={desc_id}
                preserveAspectRatio="xMinYMin meet">
                { svg.1 }
            </svg>
            <details class="pe-details">
                <summary>{ &props.as_table }</summary>
                { props.table.clone() }
            </details>
        </figure>
    }
}

/// Every chart is drawn this wide and scaled to fit, so text is one size in all.
const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 160.0;

/// Bars standing up, labels under them; the viewBox and the shapes.
fn upright(props: &BarChartProps, max: f64) -> (String, Html) {
    let slot = WIDTH / props.bars.len().max(1) as f64;
    let bar = (slot * 0.6).min(48.0);
    let shapes = props.bars.iter().enumerate().map(|(n, b)| {
        let x = n as f64 * slot + (slot - bar) / 2.0;
        let mut top = HEIGHT;
        let parts = b.values.iter().zip(&props.series).map(|(value, series)| {
            let h = value / max * (HEIGHT - 20.0);
            top -= h;
            html! { <rect class={series.class} x={x.to_string()} y={top.to_string()} width={bar.to_string()} height={h.to_string()} /> }
        });
        let parts: Html = parts.collect();
        let value = if b.values.is_empty() { "–".to_owned() } else { number(b.values.iter().sum::<f64>()) };
        let middle = (x + bar / 2.0).to_string();
        html! {
            <g>
                { parts }
                <text class="pe-chart-value" x={middle.clone()} y={(top - 4.0).to_string()} text-anchor="middle">{ value }</text>
                <text class="pe-chart-label" x={middle} y={(HEIGHT + 14.0).to_string()} text-anchor="middle">{ &b.label }</text>
            </g>
        }
    });
    let axis = html! { <line class="pe-chart-axis" x1="0" x2={WIDTH.to_string()} y1={HEIGHT.to_string()} y2={HEIGHT.to_string()} /> };
    (format!("0 0 {WIDTH} {}", HEIGHT + 22.0), html! { <>{ axis }{ for shapes }</> })
}

const ROW: f64 = 34.0;

/// Bars lying across, each under its label (labels can be long titles).
fn across(props: &BarChartProps, max: f64) -> (String, Html) {
    let rows = props.bars.iter().enumerate().map(|(n, bar)| {
        let y = n as f64 * ROW;
        let value = bar.values.iter().sum::<f64>();
        let w = value / max * (WIDTH - 40.0);
        let class = props.series.first().map_or("pe-fill-new", |s| s.class);
        html! {
            <g>
                <text class="pe-chart-label" x="0" y={(y + 11.0).to_string()}>{ shortened(&bar.label) }</text>
                <rect class={class} x="0" y={(y + 15.0).to_string()} width={w.to_string()} height="12" />
                <text class="pe-chart-value" x={(w + 4.0).to_string()} y={(y + 25.0).to_string()}>{ number(value) }</text>
            </g>
        }
    });
    (format!("0 0 {WIDTH} {}", props.bars.len().max(1) as f64 * ROW), rows.collect())
}

/// Chart labels stay on one line; the table has them whole.
fn shortened(label: &str) -> String {
    police_engage_contract::shorten(label, 60)
}

/// Whole numbers as they are, others to one decimal place.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value}")
    } else {
        format!("{value:.1}")
    }
}
