//! Pieces shared by the pages.

pub mod comments;
pub mod layout;
pub mod offline;
pub mod rails;
pub mod states;
