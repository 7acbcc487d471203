//! The index's fields: what of an article is searched, and the few numbers read per match (fast fields). No text is
//! stored: the store holds the article, the index only finds its id.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};

use crate::text;

/// Bumped when the fields or the analyzers change: an index of another version is rebuilt from the store.
pub const VERSION: u32 = 1;

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
    pub headline: Field,
    pub standfirst: Field,
    pub topics: Field,
    pub body: Field,
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
            headline: b.add_text_field("headline", stemmed.clone()),
            standfirst: b.add_text_field("standfirst", stemmed.clone()),
            topics: b.add_text_field("topics", stemmed.clone()),
            body: b.add_text_field("body", stemmed),
            prefixes: b.add_text_field("prefixes", folded),
        };
        (b.build(), fields)
    }

    /// The searched fields with their weights ([`crate::relevance`]).
    pub fn weighted(&self) -> [(Field, f32); 4] {
        use crate::relevance::{BODY, HEADLINE, STANDFIRST, TOPICS};
        [
            (self.headline, HEADLINE),
            (self.topics, TOPICS),
            (self.standfirst, STANDFIRST),
            (self.body, BODY),
        ]
    }

    /// `d` as the index's document.
    pub fn document(&self, d: &Document) -> tantivy::TantivyDocument {
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_i64(self.id, d.id);
        doc.add_i64(self.section, d.section);
        doc.add_i64(self.published, d.published);
        doc.add_text(self.headline, &d.headline);
        doc.add_text(self.standfirst, &d.standfirst);
        doc.add_text(self.topics, &d.topics);
        doc.add_text(self.body, &d.body);
        for text in [&d.headline, &d.standfirst, &d.topics] {
            doc.add_text(self.prefixes, text);
        }
        doc
    }
}
