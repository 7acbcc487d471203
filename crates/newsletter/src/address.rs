//! Email addresses: checked with lettre's parser (the one that must accept the address to send to it), and
//! normalised for matching, so `Ann@Example.ORG ` and `ann@example.org` are one subscriber.

use std::str::FromStr;

use broadsheet_content::FieldError;

/// The longest address SMTP can carry (RFC 5321 §4.5.3.1.3: a 256-octet path, less the angle brackets).
pub const MAX_LEN: usize = 254;

/// An address fit to send to: as the reader typed it (trimmed), and the key it is matched by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// For sending: the reader's own spelling.
    pub typed: String,
    /// For matching: lower case (Unicode's lower-casing; the local part is matched without case, as mailbox
    /// providers do).
    pub key: String,
}

/// The problem with `input` as an address, in words for the reader, or the address.
pub fn parse(input: &str) -> Result<Address, FieldError> {
    let problem = |message: &str| FieldError {
        field: "email".into(),
        message: message.into(),
    };
    let typed = input.trim();
    if typed.is_empty() {
        return Err(problem("Enter your email address."));
    }
    if typed.len() > MAX_LEN {
        return Err(problem(
            "That address is too long: email addresses have at most 254 characters.",
        ));
    }
    let format = "Enter an email address in the right form, like name@example.org.";
    let parsed = lettre::Address::from_str(typed).map_err(|_| problem(format))?;
    // What lettre's message builder will put in `To:` must parse too (a quoted local part with a space does not).
    if lettre::message::Mailbox::from_str(typed).is_err() || parsed.user().starts_with('"') {
        return Err(problem(format));
    }
    let domain = parsed.domain();
    // An address literal (`name@[192.0.2.1]`) or a host without a dot is valid mail syntax but not a reader's
    // mailbox on the internet.
    if domain.starts_with('[') || !domain.contains('.') || domain.ends_with('.') {
        return Err(problem(format));
    }
    Ok(Address {
        typed: typed.to_string(),
        key: format!("{}@{}", parsed.user().to_lowercase(), domain.to_lowercase()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_addresses_are_kept_as_typed_and_matched_in_lower_case() {
        let a = parse("  Ann.Other+news@Example.ORG ").unwrap();
        assert_eq!(a.typed, "Ann.Other+news@Example.ORG");
        assert_eq!(a.key, "ann.other+news@example.org");
        assert_eq!(
            parse("ann@example.org").unwrap().key,
            a.key.replace(".other+news", "")
        );
    }

    #[test]
    fn bad_addresses_say_what_to_do() {
        for bad in [
            "ann",
            "ann@",
            "@example.org",
            "ann@localhost",
            "ann@[192.0.2.1]",
            "a b@example.org",
            "ann@example.org.",
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.field, "email", "{bad}");
            assert!(
                e.message.contains("name@example.org"),
                "{bad}: {}",
                e.message
            );
        }
        assert_eq!(
            parse("  ").unwrap_err().message,
            "Enter your email address."
        );
        let long = format!("{}@example.org", "a".repeat(250));
        assert!(parse(&long).unwrap_err().message.contains("254"));
    }
}
