//! Identifiers of records. Records merge across devices, so ids are globally unique; the edge
//! generates them (random, URL-safe) and passes them in. The domain only checks their shape.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::DomainError;

/// The longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 40;

/// Whether `s` can be an id: 1 to 40 of `A-Z a-z 0-9 - _`.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The id, if `s` has the shape of one ([`is_valid_id`]).
            pub fn new(s: impl Into<String>) -> Result<Self, DomainError> {
                let s = s.into();
                if is_valid_id(&s) {
                    Ok(Self(s))
                } else {
                    Err(DomainError::InvalidId(s.chars().take(MAX_ID_LEN + 1).collect()))
                }
            }

            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = DomainError;
            fn try_from(s: String) -> Result<Self, DomainError> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a [`Campaign`](super::Campaign).
    CampaignId
);
id_type!(
    /// Identifies a [`Site`](super::Site).
    SiteId
);
id_type!(
    /// Identifies a participating [`Unit`](super::Unit).
    UnitId
);
id_type!(
    /// Identifies a [`Drive`](super::Drive).
    DriveId
);
id_type!(
    /// Identifies a [`Donor`](super::Donor).
    DonorId
);
id_type!(
    /// Identifies a [`Pledge`](super::Pledge).
    PledgeId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_accept_url_safe_text_and_refuse_the_rest() {
        assert!(PledgeId::new("01HZX3K9-abc_d").is_ok());
        assert!(PledgeId::new("").is_err());
        assert!(PledgeId::new("a b").is_err());
        assert!(PledgeId::new("đ").is_err());
        assert!(PledgeId::new("x".repeat(41)).is_err());
        assert!(serde_json::from_str::<DonorId>(r#""ok-1""#).is_ok());
        assert!(serde_json::from_str::<DonorId>(r#""not ok""#).is_err());
    }
}
