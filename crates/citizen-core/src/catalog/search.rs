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

/// Ranking, best first, in tiers: a name that starts with the query as typed (the exact name is
/// the shortest of these), a name that contains it, a name that has every word, then every word
/// anywhere (agency, documents, field). Within a tier, shorter names first: the index key orders
/// rows by name length (see `store::apply_page`), so each tier reads matches in key order and
/// stops after one screenful instead of scoring every match; a broad word costs what a precise one
/// does (docs/benchmarks.md).
const SEARCH_SQL: &str = "
    WITH hits(key, tier) AS (
        SELECT * FROM (SELECT rowid, 0 FROM procedure_names WHERE procedure_names MATCH ?1
                       ORDER BY rowid LIMIT ?5)
        UNION ALL
        SELECT * FROM (SELECT rowid, 1 FROM procedure_names WHERE procedure_names MATCH ?2
                       ORDER BY rowid LIMIT ?5)
        UNION ALL
        SELECT * FROM (SELECT rowid, 2 FROM procedure_names WHERE procedure_names MATCH ?3
                       ORDER BY rowid LIMIT ?5)
        UNION ALL
        SELECT * FROM (SELECT rowid, 3 FROM procedure_words WHERE procedure_words MATCH ?4
                       ORDER BY rowid LIMIT ?5)
    ),
    best AS (SELECT key, MIN(tier) AS tier FROM hits GROUP BY key)
    SELECT {cols}
    FROM best JOIN procedures p ON p.rowid = (best.key & 4294967295)
    ORDER BY best.tier, best.key
    LIMIT ?5";

/// The FTS5 queries of the four tiers. Words hold only letters and digits (see `fold`), so quoting
/// them is all the escaping FTS5 needs; in names the last word is a prefix so results follow the
/// typing.
fn tier_queries(words: &[String]) -> [String; 4] {
    const NAMES: &str = "{name_vi name_en}";
    let phrase = format!("\"{}\"*", words.join(" "));
    // Only the last word is a prefix: the words before it are typed out, and a prefix on a short
    // common word ("ho"*) would pull in every longer word that starts with it.
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    let every_word = quoted.join(" ") + "*";
    // Outside the names, words are whole: that index keeps no prefixes (they tripled what a sync
    // writes to it), and a short prefix would read the lists of every word that starts with it.
    // What is typed so far is a prefix in the three tiers of names, which come first.
    let anywhere = quoted.join(" ");
    [
        format!("{NAMES} : ^{phrase}"),
        format!("{NAMES} : {phrase}"),
        format!("{NAMES} : ({every_word})"),
        anywhere,
    ]
}

pub async fn search(pool: &SqlitePool, query: &str) -> Result<Vec<ProcedureSummary>, CoreError> {
    let words = match parse(query)? {
        Query::Browse => return browse(pool, RESULT_LIMIT).await,
        Query::Words(words) => words,
    };
    let [starts, contains, names, anywhere] = tier_queries(&words);
    let rows = sqlx::query(&SEARCH_SQL.replace("{cols}", SUMMARY_COLUMNS))
        .bind(starts)
        .bind(contains)
        .bind(names)
        .bind(anywhere)
        .bind(RESULT_LIMIT)
        .fetch_all(pool)
        .await?;
    rows.iter().map(summary_from_row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_go_from_name_start_to_anywhere() {
        let words = vec!["dang".to_owned(), "ki".to_owned()];
        assert_eq!(
            tier_queries(&words),
            [
                r#"{name_vi name_en} : ^"dang ki"*"#.to_owned(),
                r#"{name_vi name_en} : "dang ki"*"#.to_owned(),
                r#"{name_vi name_en} : ("dang" "ki"*)"#.to_owned(),
                r#""dang" "ki""#.to_owned(),
            ]
        );
    }

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
