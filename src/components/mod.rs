//! Pieces shared by the pages.

pub mod blocks;
pub mod comment_form;
pub mod comments;
pub mod layout;
pub mod meta;
pub mod offline;
pub mod pagination;
pub mod rails;
pub mod states;
pub mod subscribe;
pub mod teaser;
