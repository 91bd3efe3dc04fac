//! Catalogue search over the local store: accent-, case- and i/y-insensitive, best match first.

use citizen_protocol::ipc::ProcedureSummary;
use sqlx::SqlitePool;

use super::fold::words;
use super::store::{browse, summary_from_row, SUMMARY_COLUMNS};
use crate::error::CoreError;

/// Longest query accepted, in characters. Names in the catalogue are far shorter; anything longer
/// is a paste gone wrong, and the resident is told so rather than shown nothing.
pub const MAX_QUERY_CHARS: usize = 200;
/// Words past this many add nothing but cost; they are ignored.
pub const MAX_WORDS: usize = 12;
/// Hits returned for one query or browse.
pub const RESULT_LIMIT: u32 = 50;

/// A query reduced to what the index understands.
#[derive(Debug, PartialEq, Eq)]
pub enum Query {
    /// Nothing typed: list the catalogue.
    Browse,
    Words(Vec<String>),
}

pub fn parse(query: &str) -> Result<Query, CoreError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(CoreError::QueryTooLong {
            max: MAX_QUERY_CHARS,
        });
    }
    if query.trim().is_empty() {
        return Ok(Query::Browse);
    }
    let mut words = words(query);
    if words.is_empty() {
        return Err(CoreError::QueryNoWords);
    }
    words.truncate(MAX_WORDS);
    Ok(Query::Words(words))
}

/// Ranking, best first: the whole query is the name, then the name starts with it, then the name
/// contains it as a phrase, then BM25 over the words (name weighs most), shorter names first.
const SEARCH_SQL: &str = "
    SELECT {cols}
    FROM procedure_search s JOIN procedures p ON p.rowid = s.rowid
    WHERE procedure_search MATCH ?1
    ORDER BY
        CASE WHEN p.name_folded = ?2 OR p.name_en_folded = ?2 THEN 0
             WHEN p.name_folded LIKE ?2 || ' %' OR p.name_en_folded LIKE ?2 || ' %' THEN 1
             WHEN instr(p.name_folded, ?2) > 0 OR instr(p.name_en_folded, ?2) > 0 THEN 2
             ELSE 3 END,
        bm25(procedure_search, 10.0, 2.0, 1.0, 3.0),
        length(p.name_folded)
    LIMIT ?3";

pub async fn search(pool: &SqlitePool, query: &str) -> Result<Vec<ProcedureSummary>, CoreError> {
    let words = match parse(query)? {
        Query::Browse => return browse(pool, RESULT_LIMIT).await,
        Query::Words(words) => words,
    };
    // Every word must occur, each as a prefix so results follow the typing. Words hold only
    // letters and digits (see `fold`), so quoting them is all the escaping FTS5 needs.
    let fts: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
    let phrase = words.join(" ");
    let rows = sqlx::query(&SEARCH_SQL.replace("{cols}", SUMMARY_COLUMNS))
        .bind(fts.join(" "))
        .bind(phrase)
        .bind(RESULT_LIMIT)
        .fetch_all(pool)
        .await?;
    rows.iter().map(summary_from_row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_queries_browse() {
        assert_eq!(parse("").unwrap(), Query::Browse);
        assert_eq!(parse("   \t").unwrap(), Query::Browse);
    }

    #[test]
    fn symbols_only_is_an_error_not_an_empty_result() {
        assert!(matches!(parse("!!! ***"), Err(CoreError::QueryNoWords)));
    }

    #[test]
    fn long_queries_are_refused_and_many_words_trimmed() {
        assert!(matches!(
            parse(&"a".repeat(2_000)),
            Err(CoreError::QueryTooLong { max: 200 })
        ));
        assert!(parse(&"a".repeat(200)).is_ok());
        let Query::Words(w) = parse(&"ab ".repeat(40)).unwrap() else {
            panic!()
        };
        assert_eq!(w.len(), MAX_WORDS);
    }
}
