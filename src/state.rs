//! What the widget knows about its feed, changed only through [`Action`]s.

use std::rc::Rc;

use yew::Reducible;

use crate::feed::{Feed, FeedError};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeedState {
    /// The feed URL these results belong to; results for another are dropped.
    pub src: Option<String>,
    /// The last good feed: fresh, or restored from the browser when offline.
    pub feed: Option<Rc<Feed>>,
    /// When `feed` was fetched, in Unix milliseconds.
    pub fetched_at: Option<f64>,
    /// The last failure, cleared by the next success.
    pub error: Option<FeedError>,
    pub loading: bool,
    /// Counts successful loads, so effects can react to each one.
    pub loads: u32,
}

impl FeedState {
    /// A feed is shown but the latest attempt to refresh it failed.
    pub fn is_stale(&self) -> bool {
        self.feed.is_some() && self.error.is_some()
    }
}

pub enum Action {
    /// Start over for a (possibly new) feed URL.
    Reset(Option<String>),
    Fetching(String),
    Loaded {
        src: String,
        feed: Rc<Feed>,
        at: f64,
    },
    /// The server answered 304: what is shown is current.
    Unchanged {
        src: String,
        at: f64,
    },
    Failed {
        src: String,
        error: FeedError,
        saved: Option<(Rc<Feed>, f64)>,
    },
}

impl Reducible for FeedState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let src = match &action {
            Action::Reset(src) => {
                return Rc::new(FeedState { src: src.clone(), loading: src.is_some(), ..Default::default() })
            }
            Action::Fetching(src)
            | Action::Loaded { src, .. }
            | Action::Unchanged { src, .. }
            | Action::Failed { src, .. } => src,
        };
        if self.src.as_ref() != Some(src) {
            return self;
        }
        let mut next = (*self).clone();
        match action {
            Action::Reset(_) => {}
            Action::Fetching(_) => next.loading = true,
            Action::Loaded { feed, at, .. } => {
                next = FeedState {
                    feed: Some(feed),
                    fetched_at: Some(at),
                    error: None,
                    loading: false,
                    loads: self.loads + 1,
                    ..next
                };
            }
            Action::Unchanged { .. } => {
                next.error = None;
                next.loading = false;
            }
            Action::Failed { error, saved, .. } => {
                if let (None, Some((feed, at))) = (&next.feed, saved) {
                    next.feed = Some(feed);
                    next.fetched_at = Some(at);
                    next.loads += 1;
                }
                next.error = Some(error);
                next.loading = false;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: Rc<FeedState>, action: Action) -> Rc<FeedState> {
        state.reduce(action)
    }

    fn started() -> Rc<FeedState> {
        reduce(Rc::default(), Action::Reset(Some("a".into())))
    }

    #[test]
    fn a_failure_after_a_success_keeps_the_feed_as_stale() {
        let s = reduce(started(), Action::Loaded { src: "a".into(), feed: Rc::default(), at: 1.0 });
        assert!(!s.is_stale() && !s.loading);
        let s = reduce(s, Action::Failed { src: "a".into(), error: FeedError::Network, saved: None });
        assert!(s.is_stale());
        assert_eq!(s.fetched_at, Some(1.0));
        let s = reduce(s, Action::Unchanged { src: "a".into(), at: 2.0 });
        assert!(!s.is_stale());
    }

    #[test]
    fn a_first_failure_restores_the_saved_feed() {
        let saved = Some((Rc::new(Feed::default()), 7.0));
        let s = reduce(started(), Action::Failed { src: "a".into(), error: FeedError::Timeout, saved });
        assert!(s.is_stale());
        assert_eq!(s.fetched_at, Some(7.0));
    }

    #[test]
    fn results_for_an_old_url_are_ignored() {
        let s = reduce(started(), Action::Reset(Some("b".into())));
        let s = reduce(s, Action::Loaded { src: "a".into(), feed: Rc::default(), at: 1.0 });
        assert!(s.feed.is_none() && s.loading);
    }
}
