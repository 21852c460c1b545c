//! How the pages write places, days and a pledge's status for people, and the keys a place
//! takes in a form or a link. Pages take these from here, never from each other.

use crate::domain::{Date, Ledger, Place, PledgeStatus};
use crate::ui::i18n::{Lang, Texts};

/// A place as a form value: `d:<drive>:<site>` or `f:<site>`.
pub fn place_key(place: &Place) -> String {
    match place {
        Place::Drive { drive, site } => format!("d:{drive}:{site}"),
        Place::Fixed { site } => format!("f:{site}"),
    }
}

/// The place a form value names, if it is one.
pub fn place_from_key(key: &str) -> Option<Place> {
    let mut parts = key.split(':');
    let place = match (parts.next()?, parts.next(), parts.next()) {
        ("d", Some(drive), Some(site)) => Place::Drive {
            drive: drive
                .parse::<String>()
                .ok()
                .and_then(|d| crate::domain::DriveId::new(d).ok())?,
            site: crate::domain::SiteId::new(site).ok()?,
        },
        ("f", Some(site), None) => Place::Fixed {
            site: crate::domain::SiteId::new(site).ok()?,
        },
        _ => return None,
    };
    parts.next().is_none().then_some(place)
}

/// A place's name for people: "Đợt 1 · BV Xanh Pôn", or "TTYT Hoàn Kiếm (điểm cố định)".
pub fn place_label(ledger: &Ledger, place: &Place, t: &Texts) -> String {
    let site = ledger
        .site(place.site())
        .map_or_else(|| place.site().to_string(), |s| s.name.clone());
    match place.drive().and_then(|d| ledger.drive(d)) {
        Some(drive) => format!("{} · {site}", drive.name),
        None => format!("{site} ({})", t.volunteer.fixed_point),
    }
}

/// A day for people: "Thứ Hai 24/04/2023".
pub fn day_label(lang: Lang, date: Date) -> String {
    format!(
        "{} {}",
        lang.texts().volunteer.weekdays[date.weekday().index()],
        lang.date(date.year(), u32::from(date.month()), u32::from(date.day()))
    )
}

/// What became of a pledge, in words.
pub fn status_text(t: &Texts, lang: Lang, status: &PledgeStatus) -> String {
    let v = &t.volunteer;
    match status {
        PledgeStatus::Pledged => v.status_pledged.to_owned(),
        PledgeStatus::CheckedIn { .. } => v.status_checked_in.to_owned(),
        PledgeStatus::Donated { volume_ml, .. } => (v.status_donated)(*volume_ml),
        PledgeStatus::Deferred { deferral, .. } => {
            let until = deferral.until;
            (v.status_deferred)(&lang.date(
                until.year(),
                u32::from(until.month()),
                u32::from(until.day()),
            ))
        }
        PledgeStatus::NoShow { .. } => v.status_no_show.to_owned(),
        PledgeStatus::Cancelled { .. } => v.status_cancelled.to_owned(),
    }
}
