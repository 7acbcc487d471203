//! The index's fields: what of an article is searched, and the few numbers read per match (fast fields). No text is
//! stored: the store holds the article, the index only finds its id.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};

use crate::text;

/// Bumped when the fields or the analyzers change: an index of another version is rebuilt from the store.
pub const VERSION: u32 = 2;

/// One article as the index takes it, read from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The article's id in the store.
    pub id: i64,
    /// Its section's id in the store.
    pub section: i64,
    /// When it was published, in seconds since the Unix epoch.
    pub published: i64,
    pub headline: String,
    pub standfirst: String,
    /// Its topics' names, space-separated.
    pub topics: String,
    /// The body's plain text.
    pub body: String,
}

/// The fields, by name.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub section: Field,
    pub published: Field,
    /// The headline, topics, standfirst and body, each as many times as its weight ([`crate::relevance`]),
    /// stemmed, with positions: what a word or a phrase matches.
    pub text: Field,
    /// The same values' pairs of neighbouring stemmed words ([`crate::pairs`]), with their frequencies: what a
    /// phrase's words, two by two, match.
    pub pairs: Field,
    /// The headline's, standfirst's and topics' words folded and unstemmed, without positions: what a prefix
    /// matches (a reader typing aims at a headline's word; the body stays out to keep the index small).
    pub prefixes: Field,
}

impl Fields {
    /// The schema and its fields.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let number = NumericOptions::default().set_indexed().set_fast();
        let stemmed = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(text::STEMMED)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let paired = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(text::PAIRS)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let folded = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(text::FOLDED)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        );
        let fields = Fields {
            id: b.add_i64_field("id", number.clone()),
            section: b.add_i64_field("section", number),
            published: b.add_i64_field("published", NumericOptions::default().set_fast()),
            text: b.add_text_field("text", stemmed),
            pairs: b.add_text_field("pairs", paired),
            prefixes: b.add_text_field("prefixes", folded),
        };
        (b.build(), fields)
    }

    /// `d` as the index's document.
    pub fn document(&self, d: &Document) -> tantivy::TantivyDocument {
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_i64(self.id, d.id);
        doc.add_i64(self.section, d.section);
        doc.add_i64(self.published, d.published);
        use crate::relevance::{BODY, HEADLINE, STANDFIRST, TOPICS};
        for (value, weight) in [
            (&d.headline, HEADLINE),
            (&d.topics, TOPICS),
            (&d.standfirst, STANDFIRST),
            (&d.body, BODY),
        ] {
            for _ in 0..weight {
                doc.add_text(self.text, value);
                doc.add_text(self.pairs, value);
            }
        }
        for text in [&d.headline, &d.standfirst, &d.topics] {
            doc.add_text(self.prefixes, text);
        }
        doc
    }
}
