//! The HTTP surface: one module per resource, assembled here.

mod feed;
mod health;
mod site;

use std::sync::Arc;

use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use crate::config::Settings;
use crate::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
}

pub fn router(state: AppState) -> Router {
    let site_dir = state.settings.site_dir.clone();
    Router::new()
        .merge(feed::routes())
        .merge(health::routes())
        .merge(site::routes(&site_dir))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
