//! The local catalogue: applying the server's feed, listing, and search.
pub mod fold;
pub mod search;
pub mod store;
