//! The province's catalogue of administrative procedures: the taxonomy the demo data is generated
//! from, the SQL that stores it, and its change feed.
pub mod seed;
pub mod store;
pub mod taxonomy;
