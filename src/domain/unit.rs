//! Participating units: the organizations whose people donate (hospitals, centers).

use serde::{Deserialize, Serialize};

use super::limits::Limit;
use super::{DomainError, Timestamp, UnitId, Units};

/// The kind of a participating unit, as the campaign reports count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum UnitKind {
    /// Bệnh viện công lập (41 took part in 2023).
    PublicHospital,
    /// Trung tâm chuyên khoa (5 in 2023).
    SpecialtyCenter,
    /// Trung tâm y tế quận/huyện/thị xã (30 in 2023).
    DistrictMedicalCenter,
    /// Any other organization.
    Other,
}

impl UnitKind {
    /// Every kind, in reporting order.
    pub const ALL: [UnitKind; 4] = [
        UnitKind::PublicHospital,
        UnitKind::SpecialtyCenter,
        UnitKind::DistrictMedicalCenter,
        UnitKind::Other,
    ];
}

/// An organization taking part in a campaign.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Unit {
    /// The unit's id.
    pub id: UnitId,
    /// Its name, for example "Bệnh viện Đa khoa Xanh Pôn".
    pub name: String,
    /// Its kind.
    pub kind: UnitKind,
    /// Units of blood it aims to give this campaign, if it has a quota.
    pub quota: Option<Units>,
    /// The record's version: the ledger's hybrid clock when it last changed (see
    /// [`crate::domain::Ledger`]); 0 for a record stored or linked before versions existed.
    #[serde(default)]
    pub version: Timestamp,
}

impl Unit {
    /// A unit with a non-empty name and a positive quota, if any, within their [`Limit`]s.
    pub fn new(
        id: UnitId,
        name: &str,
        kind: UnitKind,
        quota: Option<Units>,
    ) -> Result<Unit, DomainError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DomainError::EmptyName);
        }
        Limit::TextChars.check_text(name)?;
        if quota.is_some_and(|q| q <= Units::ZERO) {
            return Err(DomainError::QuotaNotPositive);
        }
        if let Some(q) = quota {
            super::campaign::check_blood_units(q)?;
        }
        Ok(Unit {
            id,
            name: name.to_owned(),
            kind,
            quota,
            version: Timestamp(0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_need_a_name_and_a_positive_quota() {
        let id = || UnitId::new("u1").unwrap();
        assert!(
            Unit::new(
                id(),
                "BV Xanh Pôn",
                UnitKind::PublicHospital,
                Some(Units::whole(40))
            )
            .is_ok()
        );
        assert!(Unit::new(id(), "BV Xanh Pôn", UnitKind::PublicHospital, None).is_ok());
        assert_eq!(
            Unit::new(
                id(),
                "BV Xanh Pôn",
                UnitKind::PublicHospital,
                Some(Units::ZERO)
            ),
            Err(DomainError::QuotaNotPositive)
        );
        assert_eq!(
            Unit::new(id(), "", UnitKind::Other, None),
            Err(DomainError::EmptyName)
        );
    }
}
