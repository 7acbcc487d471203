//! Search results: ranked teasers with the matched words marked, counts by section, and the page's settings.

use serde::{Deserialize, Serialize};

use crate::SectionRef;

/// How results are ordered: by relevance (BM25, newer first among equals), or newest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum SearchSort {
    #[default]
    Relevance,
    Date,
}

impl SearchSort {
    /// The value in the query string (`sort=date`).
    pub fn as_str(self) -> &'static str {
        match self {
            SearchSort::Relevance => "relevance",
            SearchSort::Date => "date",
        }
    }

    /// `relevance` or `date`; anything else is `None`.
    pub fn parse(s: &str) -> Option<SearchSort> {
        match s {
            "relevance" => Some(SearchSort::Relevance),
            "date" => Some(SearchSort::Date),
            _ => None,
        }
    }
}

/// A matched stretch of a text: byte offsets into its UTF-8, `start` inclusive, `end` exclusive, on character
/// boundaries. Clients mark it (`<mark>`); a range that is not inside the text or not on boundaries is ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatchRange {
    pub start: u32,
    pub end: u32,
}

/// Where the query matched one result's headline and standfirst.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HitMarks {
    #[serde(default)]
    pub headline: Vec<MatchRange>,
    #[serde(default)]
    pub standfirst: Vec<MatchRange>,
}

/// How many results a section has, for the filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionCount {
    pub section: SectionRef,
    pub count: u32,
}

/// What a search listing adds to its articles: the query and its settings, the matches, and the counts by
/// section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchFacts {
    /// The query as received.
    pub query: String,
    /// The section the results are limited to, if any.
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub sort: SearchSort,
    /// The matches of each article, in the listing's order.
    #[serde(default)]
    pub marks: Vec<HitMarks>,
    /// Results by section, across every section (for the filter), most first.
    #[serde(default)]
    pub sections: Vec<SectionCount>,
}

/// `text` cut into runs, each `(run, marked)`, by `marks`: ranges outside the text, overlapping an earlier one or
/// not on character boundaries are skipped, so a wrong range never panics or cuts a character.
pub fn marked_runs<'a>(text: &'a str, marks: &[MatchRange]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for m in marks {
        let (start, end) = (m.start as usize, m.end as usize);
        if start < at
            || end <= start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            out.push((&text[at..start], false));
        }
        out.push((&text[start..end], true));
        at = end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

crate::reads_name!(SearchSort, SearchSort::parse);
crate::reads_fields!(MatchRange {
    start: u32,
    end: u32
});
crate::reads_fields!(HitMarks {
    headline: Vec<MatchRange> = default,
    standfirst: Vec<MatchRange> = default,
});
crate::reads_fields!(SectionCount {
    section: SectionRef,
    count: u32,
});
crate::reads_fields!(SearchFacts {
    query: String,
    section: Option<String>,
    sort: SearchSort = default,
    marks: Vec<HitMarks> = default,
    sections: Vec<SectionCount> = default,
});

#[cfg(test)]
mod tests {
    use super::*;

    fn r(start: u32, end: u32) -> MatchRange {
        MatchRange { start, end }
    }

    #[test]
    fn runs_follow_the_marks_and_bad_ranges_are_skipped() {
        assert_eq!(
            marked_runs("Council tax rises", &[r(0, 7), r(12, 17)]),
            [("Council", true), (" tax ", false), ("rises", true)]
        );
        // Out of the text, backwards, overlapping, inside a character: skipped.
        assert_eq!(
            marked_runs(
                "Café rates",
                &[r(4, 5), r(3, 2), r(0, 99), r(6, 11), r(5, 10), r(6, 8)]
            ),
            [("Café ", false), ("rates", true)]
        );
        assert_eq!(marked_runs("", &[r(0, 1)]), []);
    }
}
