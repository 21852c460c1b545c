//! Limits no real campaign reaches, defined once. Every value read from outside (a drive link, a
//! slip, a backup, a stored value) and every value an organizer types is checked against them, so
//! the app never writes what it would refuse to read, and a crafted link or file cannot make a
//! page's work grow without bound (a drive at every limit still opens, is kept and lists its
//! places in well under 100 ms). Each limit is several times what Hanoi's campaign needs.

/// One limit: what it counts and its largest allowed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Sites of one drive. Hanoi's 2023 drives used one or two halls; 76 units took part in
    /// all, so 100 venues in one drive would be every unit hosting at once, and more.
    SitesPerDrive,
    /// Days of one drive, first to last. The 2023 drives lasted four days; a month is long.
    DaysPerDrive,
    /// Slots of one day at one site: 48 half-hour slots fill a whole day and night.
    SlotsPerDay,
    /// Places of one slot (and a fixed point's donors per slot): a hall seats tens of donors.
    PlacesPerSlot,
    /// Characters of a name, address, district, slogan or partner (the longest Vietnamese
    /// hospital names are under 100).
    TextChars,
    /// Characters of a campaign's notes.
    NotesChars,
    /// Slogans of one campaign (the article has two).
    Slogans,
    /// Sites in the set-up (Hanoi has about 100 hospitals and medical centers).
    Sites,
    /// Participating units in the set-up (76 took part in 2023).
    Units,
    /// Drives in the set-up (two a year in 2023; a hundred years of two a year stays under).
    Drives,
    /// Units of blood in a baseline or a quota: 10,000,000 is about ten years of all of
    /// Vietnam's collection, and keeps every sum and percentage far from overflowing.
    BloodUnits,
}

impl Limit {
    /// The largest value allowed.
    pub const fn max(self) -> i64 {
        match self {
            Limit::SitesPerDrive => 100,
            Limit::DaysPerDrive => 31,
            Limit::SlotsPerDay => 48,
            Limit::PlacesPerSlot => 1000,
            Limit::TextChars => 300,
            Limit::NotesChars => 5000,
            Limit::Slogans => 10,
            Limit::Sites => 1000,
            Limit::Units => 1000,
            Limit::Drives => 200,
            Limit::BloodUnits => 10_000_000,
        }
    }

    /// Its stable name (for logs, tests and the stored reason of a value set aside).
    pub const fn code(self) -> &'static str {
        match self {
            Limit::SitesPerDrive => "sites per drive",
            Limit::DaysPerDrive => "days per drive",
            Limit::SlotsPerDay => "slots per day",
            Limit::PlacesPerSlot => "places per slot",
            Limit::TextChars => "characters of a name",
            Limit::NotesChars => "characters of notes",
            Limit::Slogans => "slogans",
            Limit::Sites => "sites",
            Limit::Units => "units",
            Limit::Drives => "drives",
            Limit::BloodUnits => "units of blood",
        }
    }

    /// `Ok` when `n` is within the limit, else the error naming it.
    pub fn check(self, n: usize) -> Result<(), super::DomainError> {
        if n as u64 > self.max() as u64 {
            Err(super::DomainError::OverLimit(self))
        } else {
            Ok(())
        }
    }

    /// `Ok` when `text` has no more characters than the limit allows (counted lazily: a 10 MB
    /// string stops at the first character over).
    pub fn check_text(self, text: &str) -> Result<(), super::DomainError> {
        self.check(text.chars().take(self.max() as usize + 1).count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DomainError;

    #[test]
    fn a_count_at_the_limit_passes_and_one_more_is_named() {
        assert_eq!(Limit::SitesPerDrive.check(100), Ok(()));
        assert_eq!(
            Limit::SitesPerDrive.check(101),
            Err(DomainError::OverLimit(Limit::SitesPerDrive))
        );
        assert_eq!(Limit::TextChars.check_text(&"ễ".repeat(300)), Ok(()));
        assert_eq!(
            Limit::TextChars.check_text(&"ễ".repeat(10_000_000)),
            Err(DomainError::OverLimit(Limit::TextChars))
        );
    }
}
