//! The contract's types read from JSON by miniserde, for the app: the same JSON serde's `Deserialize` accepts
//! (the server writes it with serde), read with a fraction of the code. serde's visitors are generated once per
//! type and per format, and reading the API's answers with them and serde_json was 34.7 KB of the app's 199.5 KB
//! first visit (brotli; docs/performance.md, issue 25); miniserde reads every type through one parser and a
//! builder per type behind `dyn` traits.
//!
//! The rules are serde's, field by field, so that both read the same JSON the same way (`tests` checks each type
//! against serde on the same text):
//! - a missing field is an error, unless it is an `Option` (`None`) or marked `= default` here, as serde's
//!   `#[serde(default)]` is there (its `Default`);
//! - `null` is `None` for an `Option`, an error elsewhere; a field this client does not know is skipped;
//! - a unit enum is its name as a string ([`reads_name!`]), and blocks and inlines go through their wire structs
//!   (`block_wire`), as with serde.

pub use miniserde;

/// Implements miniserde's `Deserialize` for a struct from its fields' names and types:
/// `reads_fields!(Type { field: FieldType, other as "json_name": Other = default })`. `via Wire { … }` reads the
/// fields into `Wire` and converts it with `TryFrom` (a failed conversion is an error). The field list must name
/// every field of the struct with its type, or the struct literal it builds does not compile.
#[macro_export]
macro_rules! reads_fields {
    ($ty:ident { $($rest:tt)* }) => {
        $crate::reads_fields!(@impl $ty, $ty, { $($rest)* });
    };
    ($ty:ident via $wire:ident { $($rest:tt)* }) => {
        $crate::reads_fields!(@impl $ty, $wire, { $($rest)* });
    };
    (@impl $ty:ident, $build:ident, {
        $($field:ident $(as $key:literal)? : $fty:ty $(= $default:ident)?),* $(,)?
    }) => {
        const _: () = {
            use $crate::json_reads::miniserde::de::{Deserialize, Map, Visitor};
            use $crate::json_reads::miniserde::{Error, Result};
            $crate::json_reads::miniserde::make_place!(Place);

            struct Builder<'a> {
                out: &'a mut Option<$ty>,
                $($field: Option<$fty>,)*
            }

            impl Map for Builder<'_> {
                fn key(&mut self, k: &str) -> Result<&mut dyn Visitor> {
                    $(
                        if k == $crate::reads_fields!(@key $field $(, $key)?) {
                            return Ok(Deserialize::begin(&mut self.$field));
                        }
                    )*
                    Ok(<dyn Visitor>::ignore())
                }

                fn finish(&mut self) -> Result<()> {
                    let built = $build {
                        $($field: $crate::reads_fields!(@take self.$field $(, $default)?),)*
                    };
                    *self.out = Some(<$ty>::try_from(built).map_err(|_| Error)?);
                    Ok(())
                }
            }

            impl Visitor for Place<$ty> {
                fn map(&mut self) -> Result<Box<dyn Map + '_>> {
                    Ok(Box::new(Builder {
                        out: &mut self.out,
                        $($field: None,)*
                    }))
                }
            }

            impl Deserialize for $ty {
                fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
                    Place::new(out)
                }
            }
        };
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident, $key:literal) => { $key };
    (@take $slot:expr) => {
        // `Deserialize::default` is `Some(None)` for an `Option` and `None` (missing: an error) for the rest.
        $slot.take().or_else(Deserialize::default).ok_or(Error)?
    };
    (@take $slot:expr, default) => { $slot.take().unwrap_or_default() };
}

/// Implements miniserde's `Deserialize` for a unit enum written as a string: `reads_name!(Type, parse)`, where
/// `parse: fn(&str) -> Option<Type>` (`None`: not one of its names, an error).
#[macro_export]
macro_rules! reads_name {
    ($ty:ident, $parse:expr) => {
        const _: () = {
            use $crate::json_reads::miniserde::de::{Deserialize, Visitor};
            use $crate::json_reads::miniserde::{Error, Result};
            $crate::json_reads::miniserde::make_place!(Place);

            impl Visitor for Place<$ty> {
                fn string(&mut self, s: &str) -> Result<()> {
                    let parse: fn(&str) -> Option<$ty> = $parse;
                    self.out = Some(parse(s).ok_or(Error)?);
                    Ok(())
                }
            }

            impl Deserialize for $ty {
                fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
                    Place::new(out)
                }
            }
        };
    };
}

#[cfg(test)]
mod tests;
