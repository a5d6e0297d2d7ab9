//! "Insight": the last twelve weeks as charts, each with its table.

use police_engage_contract::{Insight, Tally};
use yew::prelude::*;

use crate::components::chart::{number, Bar, BarChart, Series};
use crate::components::layout::Layout;
use crate::format;
use crate::hooks::{unloaded, use_load, Load};
use crate::i18n::{fill, Lang, Text, Words};
use crate::route::Route;
use crate::session::use_session;

#[function_component]
pub fn InsightPage() -> Html {
    let session = use_session();
    let (lang, text) = (session.lang, session.lang.text());
    let (insight, _) = use_load::<Insight>("/v1/insight".to_owned());
    html! {
        <Layout title={text.insight_title} current={Route::Insight}>
            <h1 class="pe-h1">{ text.insight_title }</h1>
            <p class="pe-lead">{ text.insight_intro }</p>
            if let Load::Loaded(insight) = &insight {
                if insight.weeks.iter().all(|w| w.counts.new + w.counts.in_progress + w.counts.closed == 0) {
                    <p class="pe-empty">{ text.nothing_yet }</p>
                } else {
                    { charts(insight, lang) }
                }
            } else {
                { unloaded(&insight, lang) }
            }
        </Layout>
    }
}

fn charts(insight: &Insight, lang: Lang) -> Html {
    let text = lang.text();
    // Under a bar there is room for "23/11", not "23 November".
    let short_day = |start: &str| {
        let part = |from: usize| start.get(from..from + 2).and_then(|d| d.parse::<u32>().ok()).unwrap_or_default();
        format!("{}/{}", part(8), part(5))
    };
    let statuses = vec![
        Series { name: text.status_new, class: "pe-fill-new" },
        Series { name: text.status_in_progress, class: "pe-fill-in_progress" },
        Series { name: text.status_closed, class: "pe-fill-closed" },
    ];
    let weeks: Vec<Bar> = insight
        .weeks
        .iter()
        .map(|w| Bar {
            label: short_day(&w.start),
            values: vec![w.counts.new as f64, w.counts.in_progress as f64, w.counts.closed as f64],
        })
        .collect();
    let week_table = html! {
        <table class="pe-table">
            <thead><tr>
                <th scope="col">{ text.week_of }</th><th scope="col">{ text.status_new }</th>
                <th scope="col">{ text.status_in_progress }</th><th scope="col">{ text.status_closed }</th>
                <th scope="col">{ text.total }</th>
            </tr></thead>
            <tbody>{ for insight.weeks.iter().map(|w| html! {
                <tr>
                    <th scope="row">{ format::day(&w.start, lang) }</th><td>{ w.counts.new }</td>
                    <td>{ w.counts.in_progress }</td><td>{ w.counts.closed }</td>
                    <td>{ w.counts.new + w.counts.in_progress + w.counts.closed }</td>
                </tr>
            }) }</tbody>
        </table>
    };
    let rated = vec![Series { name: text.average, class: "pe-fill-new" }];
    let averages: Vec<Bar> = insight
        .weeks
        .iter()
        .map(|w| Bar { label: short_day(&w.start), values: w.average_rating.into_iter().collect() })
        .collect();
    let average_table = html! {
        <table class="pe-table">
            <thead><tr><th scope="col">{ text.week_of }</th><th scope="col">{ text.average }</th><th scope="col">{ text.count }</th></tr></thead>
            <tbody>{ for insight.weeks.iter().map(|w| html! {
                <tr><th scope="row">{ format::day(&w.start, lang) }</th><td>{ format::average(w.average_rating) }</td><td>{ w.ratings }</td></tr>
            }) }</tbody>
        </table>
    };
    let spread: Vec<Bar> = insight
        .ratings
        .iter()
        .enumerate()
        .map(|(n, c)| Bar { label: (n + 1).to_string(), values: vec![*c as f64] })
        .collect();
    let spread_table = html! {
        <table class="pe-table">
            <thead><tr><th scope="col">{ text.rating }</th><th scope="col">{ text.count }</th></tr></thead>
            <tbody>{ for insight.ratings.iter().enumerate().map(|(n, c)| html! {
                <tr><th scope="row">{ n + 1 }</th><td>{ c }</td></tr>
            }) }</tbody>
        </table>
    };
    let promise = vec![
        Series { name: text.answered_in_time, class: "pe-fill-closed" },
        Series { name: text.answered_late, class: "pe-fill-in_progress" },
    ];
    let kept: Vec<Bar> = insight
        .weeks
        .iter()
        .map(|w| Bar {
            label: short_day(&w.start),
            values: if w.due == 0 {
                Vec::new()
            } else {
                vec![w.answered_in_time as f64, (w.due - w.answered_in_time) as f64]
            },
        })
        .collect();
    let promise_table = html! {
        <table class="pe-table">
            <thead><tr>
                <th scope="col">{ text.week_of }</th><th scope="col">{ text.due_an_answer }</th>
                <th scope="col">{ text.answered_in_time }</th><th scope="col">{ text.median_to_answer }</th>
            </tr></thead>
            <tbody>{ for insight.weeks.iter().map(|w| html! {
                <tr>
                    <th scope="row">{ format::day(&w.start, lang) }</th><td>{ w.due }</td><td>{ w.answered_in_time }</td>
                    <td>{ w.median_hours_to_answer.map_or_else(|| "–".to_owned(), |h| fill(text.hours, &number(h))) }</td>
                </tr>
            }) }</tbody>
        </table>
    };
    html! {
        <div class="pe-charts">
            <BarChart id="per-week" title={text.per_week} summary={text.per_week_summary} series={statuses} bars={weeks}
                table={week_table} as_table={text.as_table} />
            <BarChart id="rating-per-week" title={text.rating_per_week} summary={text.rating_per_week_summary} series={rated.clone()}
                bars={averages} max={5.0} table={average_table} as_table={text.as_table} />
            <BarChart id="promise" title={text.promise_kept} summary={text.promise_kept_summary} series={promise} bars={kept}
                table={promise_table} as_table={text.as_table} />
            <BarChart id="ratings" title={text.spread} summary={text.spread_summary} series={rated} bars={spread}
                table={spread_table} as_table={text.as_table} />
            { tallies("by-area", text.by_area, text.by_area_summary, text.area, &insight.areas, text) }
            { tallies("by-update", text.by_update, text.by_update_summary, text.about, &insight.updates, text) }
        </div>
    }
}

fn tallies(
    id: &'static str,
    title: &'static str,
    summary: &'static str,
    label: &'static str,
    rows: &[Tally],
    text: &'static Text,
) -> Html {
    let bars: Vec<Bar> = rows.iter().map(|t| Bar { label: t.label.clone(), values: vec![t.count as f64] }).collect();
    let table = html! {
        <table class="pe-table">
            <thead><tr><th scope="col">{ label }</th><th scope="col">{ text.count }</th><th scope="col">{ text.average }</th></tr></thead>
            <tbody>{ for rows.iter().map(|t| html! {
                <tr><th scope="row">{ &t.label }</th><td>{ number(t.count as f64) }</td><td>{ format::average(t.average_rating) }</td></tr>
            }) }</tbody>
        </table>
    };
    let series = vec![Series { name: text.count, class: "pe-fill-new" }];
    html! { <BarChart {id} {title} {summary} {series} {bars} across=true {table} as_table={text.as_table} /> }
}
