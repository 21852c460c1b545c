//! Donors (người hiến máu): who they are, how to reach them, their blood group and the
//! donations they have given.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Date, DomainError, DonorId, Timestamp, UnitId, Weight};

/// Sex, as the eligibility rules distinguish it (weight thresholds differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// Nữ.
    Female,
    /// Nam.
    Male,
}

/// Who the donor is to the campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Cán bộ, nhân viên: staff of a participating unit.
    Staff,
    /// Sinh viên.
    Student,
    /// Học sinh thực tập: an intern.
    Intern,
    /// Người nhà bệnh nhân: a patient's relative.
    PatientRelative,
    /// A member of the public.
    Public,
}

impl Category {
    /// Every category, in reporting order.
    pub const ALL: [Category; 5] = [
        Category::Staff,
        Category::Student,
        Category::Intern,
        Category::PatientRelative,
        Category::Public,
    ];
}

/// ABO group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Abo {
    /// O.
    O,
    /// A.
    A,
    /// B.
    B,
    /// AB.
    AB,
}

/// The Rh(D) factor, as far as the donor knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rh {
    /// Rh(D) positive (dương).
    Positive,
    /// Rh(D) negative (âm).
    Negative,
    /// Not known: most donors know their ABO group from an earlier donation's card but not
    /// the Rh factor.
    Unknown,
}

/// A blood group: ABO and Rh(D), the Rh factor possibly unknown. A donor who does not know
/// their group at all has no `BloodGroup` (`Donor::blood_group` is `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BloodGroup {
    /// ABO group.
    pub abo: Abo,
    /// Rh(D) factor.
    pub rh: Rh,
}

impl BloodGroup {
    /// Every group: the eight with a known Rh factor, O+ first, then the four with an unknown
    /// one. Stored data and links carry a group as its place in this list, so it only grows at
    /// its end.
    pub const ALL: [BloodGroup; 12] = [
        BloodGroup::new(Abo::O, Rh::Positive),
        BloodGroup::new(Abo::O, Rh::Negative),
        BloodGroup::new(Abo::A, Rh::Positive),
        BloodGroup::new(Abo::A, Rh::Negative),
        BloodGroup::new(Abo::B, Rh::Positive),
        BloodGroup::new(Abo::B, Rh::Negative),
        BloodGroup::new(Abo::AB, Rh::Positive),
        BloodGroup::new(Abo::AB, Rh::Negative),
        BloodGroup::new(Abo::O, Rh::Unknown),
        BloodGroup::new(Abo::A, Rh::Unknown),
        BloodGroup::new(Abo::B, Rh::Unknown),
        BloodGroup::new(Abo::AB, Rh::Unknown),
    ];

    /// The group of this ABO group and Rh factor.
    pub const fn new(abo: Abo, rh: Rh) -> BloodGroup {
        BloodGroup { abo, rh }
    }

    /// The ABO letters: `O`, `A`, `B`, `AB`.
    pub fn abo_name(self) -> &'static str {
        match self.abo {
            Abo::O => "O",
            Abo::A => "A",
            Abo::B => "B",
            Abo::AB => "AB",
        }
    }
}

impl fmt::Display for BloodGroup {
    /// `O+`, `AB-`, and the ABO letters alone when the Rh factor is unknown (`O`); the pages
    /// say "O (Rh chưa rõ)" in words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rh = match self.rh {
            Rh::Positive => "+",
            Rh::Negative => "-",
            Rh::Unknown => "",
        };
        write!(f, "{}{rh}", self.abo_name())
    }
}

/// A Vietnamese phone number, normalised to the national form: `0` and 9 digits for mobiles
/// (`0912345678`), `02` and 9 digits for landlines (`02438686008`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Accepts the ways people write numbers (`0912 345 678`, `0912.345.678`, `+84 912 345 678`,
    /// `84912345678`) and normalises them; refuses anything else.
    pub fn parse(text: &str) -> Result<Phone, DomainError> {
        let bad = || DomainError::InvalidPhone;
        let trimmed = text.trim();
        let (international, rest) = match trimmed.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        if !rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')'))
        {
            return Err(bad());
        }
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        let national = if let Some(n) = digits
            .strip_prefix("84")
            .filter(|_| international || digits.len() >= 11)
        {
            format!("0{n}")
        } else if international {
            return Err(bad());
        } else {
            digits
        };
        let b = national.as_bytes();
        let mobile =
            b.len() == 10 && b[0] == b'0' && matches!(b[1], b'3' | b'5' | b'7' | b'8' | b'9');
        let landline = b.len() == 11 && b[0] == b'0' && b[1] == b'2';
        if mobile || landline {
            Ok(Phone(national))
        } else {
            Err(bad())
        }
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number with all but the last three digits hidden (`0912***678`), for shared rosters.
    pub fn masked(&self) -> String {
        let n = self.0.len();
        format!("{}{}{}", &self.0[..4], "*".repeat(n - 7), &self.0[n - 3..])
    }
}

impl TryFrom<String> for Phone {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Phone, DomainError> {
        Phone::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

/// A citizen identity number: 12 digits (căn cước công dân) or 9 (the older chứng minh nhân dân).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CitizenId(String);

impl CitizenId {
    /// Accepts 9 or 12 digits, spaces ignored.
    pub fn parse(text: &str) -> Result<CitizenId, DomainError> {
        let compact: String = text.chars().filter(|c| *c != ' ').collect();
        if (compact.len() == 12 || compact.len() == 9)
            && compact.bytes().all(|b| b.is_ascii_digit())
        {
            Ok(CitizenId(compact))
        } else {
            Err(DomainError::InvalidCitizenId)
        }
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CitizenId {
    type Error = DomainError;
    fn try_from(s: String) -> Result<CitizenId, DomainError> {
        CitizenId::parse(&s)
    }
}

impl From<CitizenId> for String {
    fn from(c: CitizenId) -> String {
        c.0
    }
}

/// The kind of a donation; the rules set volume limits and intervals per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DonationType {
    /// Máu toàn phần.
    WholeBlood,
    /// Red cells by apheresis (gạn tách hồng cầu; "double red cells").
    RedCellApheresis,
    /// Platelets by apheresis (gạn tách tiểu cầu).
    PlateletApheresis,
    /// Plasma by apheresis (gạn tách huyết tương).
    PlasmaApheresis,
}

impl DonationType {
    /// Every kind, whole blood first.
    pub const ALL: [DonationType; 4] = [
        DonationType::WholeBlood,
        DonationType::RedCellApheresis,
        DonationType::PlateletApheresis,
        DonationType::PlasmaApheresis,
    ];

    /// Whether it is collected by apheresis.
    pub fn is_apheresis(self) -> bool {
        self != DonationType::WholeBlood
    }
}

/// A past donation. A donation never changes once recorded, and a donor gives at most once a
/// day (the ledger holds one active pledge per donor and day), so the record itself (day, kind,
/// volume) is its identity: two copies of one donation are equal, and merges join histories as
/// sets of these values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Donation {
    /// The day it was given.
    pub date: Date,
    /// Its kind.
    pub kind: DonationType,
    /// Millilitres collected.
    pub volume_ml: u16,
}

/// A person who pledges or gives blood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Donor {
    /// The donor's id.
    pub id: DonorId,
    /// Full name as on their ID, for example "Nguyễn Thị Lan".
    pub full_name: String,
    /// Sex.
    pub sex: Sex,
    /// Birth date.
    pub birth_date: Date,
    /// Body weight.
    pub weight: Weight,
    /// Phone number, normalised.
    pub phone: Phone,
    /// Citizen ID, if given.
    pub citizen_id: Option<CitizenId>,
    /// Blood group, `None` when they do not know it.
    pub blood_group: Option<BloodGroup>,
    /// Who they are to the campaign.
    pub category: Category,
    /// The participating unit they donate with, if any.
    pub unit: Option<UnitId>,
    /// Donations given, oldest first.
    pub history: Vec<Donation>,
    /// When the record last changed: a merge takes the plain fields of the later version
    /// (see [`Donor::merged_with`]).
    pub updated_at: Timestamp,
}

/// What a donor record is made from, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DonorDraft {
    /// See [`Donor::full_name`].
    pub full_name: String,
    /// See [`Donor::sex`].
    pub sex: Sex,
    /// See [`Donor::birth_date`].
    pub birth_date: Date,
    /// See [`Donor::weight`].
    pub weight: Weight,
    /// See [`Donor::phone`].
    pub phone: Phone,
    /// See [`Donor::citizen_id`].
    pub citizen_id: Option<CitizenId>,
    /// See [`Donor::blood_group`].
    pub blood_group: Option<BloodGroup>,
    /// See [`Donor::category`].
    pub category: Category,
    /// See [`Donor::unit`].
    pub unit: Option<UnitId>,
}

/// The name rule, the one place it lives: a full name as typed, its spaces collapsed, of 2 to
/// 100 characters ([`DomainError::EmptyName`] when nothing is left, else
/// [`DomainError::NameLength`]).
pub fn full_name(typed: &str) -> Result<String, DomainError> {
    let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err(DomainError::EmptyName),
        2..=100 => Ok(name),
        _ => Err(DomainError::NameLength),
    }
}

impl Donor {
    /// A donor with a name of 2 to 100 characters and a birth date not after `today`.
    pub fn new(
        id: DonorId,
        draft: DonorDraft,
        today: Date,
        now: Timestamp,
    ) -> Result<Donor, DomainError> {
        let full_name = full_name(&draft.full_name)?;
        if draft.birth_date > today {
            return Err(DomainError::BirthDateInFuture);
        }
        Ok(Donor {
            id,
            full_name,
            sex: draft.sex,
            birth_date: draft.birth_date,
            weight: draft.weight,
            phone: draft.phone,
            citizen_id: draft.citizen_id,
            blood_group: draft.blood_group,
            category: draft.category,
            unit: draft.unit,
            history: Vec::new(),
            updated_at: now,
        })
    }

    /// Two versions of one donor combined into one, by the rule every merge uses (another
    /// tab's change, a backup import, a slip in the inbox, the start-up read of the shards):
    ///
    /// - the donation history is a set that only grows: the result holds every donation of
    ///   both versions, once, in date order;
    /// - the plain fields (name, sex, birth date, weight, phone, citizen ID, blood group,
    ///   category, unit) and `updated_at` come whole from the later version; at the same
    ///   `updated_at`, from the one whose fields sort last, so every device picks the same.
    ///
    /// The result is the same in either order, merging a version again changes nothing, and
    /// merging three versions gives the same result however they are grouped.
    pub fn merged_with(&self, other: &Donor) -> Donor {
        let winner = if other.plain_key() > self.plain_key() {
            other
        } else {
            self
        };
        let mut history = Vec::with_capacity(self.history.len() + other.history.len());
        join(&mut history, &self.history);
        join(&mut history, &other.history);
        Donor {
            history,
            ..winner.clone()
        }
    }

    /// The same donor with its history in date order and each donation once, as
    /// [`Donor::merged_with`] leaves it.
    pub fn normalised(mut self) -> Donor {
        let mut history = Vec::with_capacity(self.history.len());
        join(&mut history, &self.history);
        self.history = history;
        self
    }

    /// What orders two versions of the donor: the later change, then every plain field.
    #[allow(clippy::type_complexity)]
    fn plain_key(
        &self,
    ) -> (
        Timestamp,
        &str,
        Sex,
        Date,
        Weight,
        &Phone,
        &Option<CitizenId>,
        Option<BloodGroup>,
        Category,
        &Option<UnitId>,
    ) {
        (
            self.updated_at,
            &self.full_name,
            self.sex,
            self.birth_date,
            self.weight,
            &self.phone,
            &self.citizen_id,
            self.blood_group,
            self.category,
            &self.unit,
        )
    }

    /// The most recent donation, if any.
    pub fn last_donation(&self) -> Option<&Donation> {
        self.history.iter().max_by_key(|d| d.date)
    }

    /// Adds a donation to the history, keeping it in date order.
    pub fn record_donation(&mut self, donation: Donation, now: Timestamp) {
        let at = self.history.partition_point(|d| d.date <= donation.date);
        self.history.insert(at, donation);
        self.updated_at = now;
    }
}

/// Adds each of `more` to the sorted set `history` unless it is there already. A history holds
/// a few donations, so a search and an insert each beat sorting (and cost less code).
fn join(history: &mut Vec<Donation>, more: &[Donation]) {
    for d in more {
        if let Err(at) = history.binary_search(d) {
            history.insert(at, *d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_normalised_from_the_ways_people_write_them() {
        for (typed, normal) in [
            ("0912345678", "0912345678"),
            ("0912 345 678", "0912345678"),
            ("0912.345.678", "0912345678"),
            ("+84 912 345 678", "0912345678"),
            ("+84912345678", "0912345678"),
            ("84912345678", "0912345678"),
            ("(024) 3868 6008", "02438686008"),
            ("0388-123-456", "0388123456"),
        ] {
            assert_eq!(
                Phone::parse(typed).map(|p| p.as_str().to_owned()),
                Ok(normal.to_owned()),
                "{typed}"
            );
        }
    }

    #[test]
    fn impossible_phone_numbers_are_refused() {
        for bad in [
            "",
            "091234567",
            "09123456789",
            "0112345678",
            "+1 212 555 0100",
            "0912-abc-678",
            "+0912345678",
            "1912345678",
        ] {
            assert_eq!(Phone::parse(bad), Err(DomainError::InvalidPhone), "{bad}");
        }
    }

    #[test]
    fn shared_rosters_mask_phone_numbers() {
        assert_eq!(Phone::parse("0912345678").unwrap().masked(), "0912***678");
    }

    #[test]
    fn citizen_ids_have_12_or_9_digits() {
        assert!(CitizenId::parse("001 203 004 005").is_ok());
        assert!(CitizenId::parse("012345678").is_ok());
        assert_eq!(
            CitizenId::parse("0012030040"),
            Err(DomainError::InvalidCitizenId)
        );
        assert_eq!(
            CitizenId::parse("00120300400a"),
            Err(DomainError::InvalidCitizenId)
        );
    }

    #[test]
    fn blood_groups_print_abo_and_rh() {
        let names: Vec<String> = BloodGroup::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "O+", "O-", "A+", "A-", "B+", "B-", "AB+", "AB-", "O", "A", "B", "AB"
            ]
        );
    }
}
