//! Each rule of each set, on both sides of its edge, and properties over arbitrary histories.

use super::*;
use crate::domain::{Category, DonorDraft, DonorId, Phone, Timestamp};

use DonationType::{PlasmaApheresis, PlateletApheresis, RedCellApheresis, WholeBlood};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn hg(n: u16) -> Weight {
    Weight::from_hg(n).unwrap()
}

/// A person as a self-check form would describe them.
#[derive(Debug, Clone)]
struct Person {
    sex: Sex,
    birth: Date,
    weight: Weight,
    history: Vec<Donation>,
    declarations: Vec<Declaration>,
}

impl Person {
    fn new(sex: Sex, weight_hg: u16) -> Person {
        Person {
            sex,
            birth: d("1995-06-15"),
            weight: hg(weight_hg),
            history: Vec::new(),
            declarations: Vec::new(),
        }
    }

    fn woman(weight_hg: u16) -> Person {
        Person::new(Sex::Female, weight_hg)
    }

    fn man(weight_hg: u16) -> Person {
        Person::new(Sex::Male, weight_hg)
    }

    fn born(mut self, birth: &str) -> Person {
        self.birth = d(birth);
        self
    }

    fn gave(mut self, date: &str, kind: DonationType) -> Person {
        self.history.push(Donation {
            date: d(date),
            kind,
            volume_ml: 350,
        });
        self
    }

    fn declared(mut self, cause: DeferralCause, date: &str) -> Person {
        self.declarations.push(Declaration {
            cause,
            date: d(date),
        });
        self
    }

    fn facts(&self) -> Facts<'_> {
        Facts {
            sex: self.sex,
            birth_date: self.birth,
            weight: self.weight,
            history: &self.history,
            declarations: &self.declarations,
        }
    }

    fn assess(&self, rules: &RuleSet, day: Date) -> Assessment {
        assess(rules, &self.facts(), day)
    }

    fn vn(&self, day: &str) -> Assessment {
        self.assess(&RuleSet::vietnam(), d(day))
    }

    fn arc(&self, day: &str) -> Assessment {
        self.assess(&RuleSet::american_red_cross(), d(day))
    }

    fn donor(&self) -> Donor {
        let mut donor = Donor::new(
            DonorId::new("donor-1").unwrap(),
            DonorDraft {
                full_name: "Nguyễn Thị Lan".into(),
                sex: self.sex,
                birth_date: self.birth,
                weight: self.weight,
                phone: Phone::parse("0912345678").unwrap(),
                citizen_id: None,
                blood_group: None,
                category: Category::Staff,
                unit: None,
            },
            d("2024-01-01"),
            Timestamp(0),
        )
        .unwrap();
        for donation in &self.history {
            donor.record_donation(*donation, Timestamp(0));
        }
        donor
    }
}

fn tt26(article: &'static str) -> Citation {
    Citation {
        source: TT26,
        article,
    }
}

fn only_reason(a: &Assessment, kind: DonationType) -> &Reason {
    let reasons = &a.get(kind).reasons;
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    &reasons[0]
}

// ----- Điều 6: intervals -----

#[test]
fn whole_blood_waits_84_days_tt26_art6_1() {
    let p = Person::man(600).gave("2024-01-01", WholeBlood);
    assert_eq!(d("2024-01-01").add_days(83), d("2024-03-24"));
    let day_83 = p.vn("2024-03-24");
    for kind in DonationType::ALL {
        assert!(!day_83.is_eligible(kind), "{kind:?}");
        assert_eq!(day_83.get(kind).next_eligible, Some(d("2024-03-25")));
    }
    let r = only_reason(&day_83, WholeBlood);
    assert_eq!(r.citation, tt26("Điều 6.1"));
    assert_eq!(
        r.kind,
        ReasonKind::TooSoon {
            last_kind: WholeBlood,
            last_date: d("2024-01-01"),
            min_days: 84,
            from: d("2024-03-25"),
        }
    );
    let day_84 = p.vn("2024-03-25");
    assert!(DonationType::ALL.iter().all(|&k| day_84.is_eligible(k)));
    assert_eq!(day_84.get(WholeBlood).next_eligible, Some(d("2024-03-25")));
}

#[test]
fn red_cell_apheresis_waits_84_days_tt26_art6_1() {
    let p = Person::woman(550).gave("2024-01-01", RedCellApheresis);
    let r = only_reason(&p.vn("2024-03-24"), PlasmaApheresis).clone();
    assert_eq!(r.citation, tt26("Điều 6.1"));
    assert_eq!(r.clears_on(), Some(d("2024-03-25")));
    assert!(p.vn("2024-03-25").is_eligible(PlasmaApheresis));
}

#[test]
fn plasma_and_platelets_wait_14_days_tt26_art6_2() {
    for kind in [PlasmaApheresis, PlateletApheresis] {
        let p = Person::man(650).gave("2024-05-01", kind);
        let day_13 = p.vn("2024-05-14");
        assert_eq!(only_reason(&day_13, WholeBlood).citation, tt26("Điều 6.2"));
        assert_eq!(day_13.get(kind).next_eligible, Some(d("2024-05-15")));
        assert!(p.vn("2024-05-15").is_eligible(WholeBlood));
        assert!(p.vn("2024-05-15").is_eligible(kind));
    }
}

#[test]
fn the_most_recent_donation_sets_the_wait_tt26_art6_4() {
    // Whole blood, then plasma 84 days later: the plasma one decides, 14 days.
    let p = Person::man(650)
        .gave("2024-01-01", WholeBlood)
        .gave("2024-03-25", PlasmaApheresis);
    assert!(!p.vn("2024-04-07").is_eligible(WholeBlood));
    assert!(p.vn("2024-04-08").is_eligible(WholeBlood));
    assert_eq!(
        p.vn("2024-04-01").get(WholeBlood).next_eligible,
        Some(d("2024-04-08"))
    );
    // History order does not matter, only dates do.
    let mut shuffled = p.clone();
    shuffled.history.reverse();
    assert_eq!(shuffled.vn("2024-04-01"), p.vn("2024-04-01"));
    // Plasma, then whole blood: now whole blood decides, 84 days.
    let q = Person::man(650)
        .gave("2024-01-01", PlasmaApheresis)
        .gave("2024-01-15", WholeBlood);
    assert!(!q.vn("2024-04-07").is_eligible(PlasmaApheresis));
    assert_eq!(
        q.vn("2024-02-01").get(PlasmaApheresis).next_eligible,
        Some(d("2024-04-08"))
    );
}

#[test]
fn two_donations_on_the_latest_day_take_the_longer_wait_tt26_art6_4() {
    let p = Person::man(650)
        .gave("2024-01-01", PlasmaApheresis)
        .gave("2024-01-01", WholeBlood);
    assert!(!p.vn("2024-01-20").is_eligible(WholeBlood));
    assert_eq!(
        p.vn("2024-01-20").get(WholeBlood).next_eligible,
        Some(d("2024-03-25"))
    );
}

// ----- Điều 4.1: age -----

#[test]
fn donors_may_give_from_their_18th_birthday_tt26_art4_1() {
    let p = Person::woman(500).born("2006-05-10");
    let before = p.vn("2024-05-09");
    let r = only_reason(&before, WholeBlood);
    assert_eq!(
        r.kind,
        ReasonKind::TooYoung {
            min_age: 18,
            from: d("2024-05-10"),
        }
    );
    assert_eq!(r.citation, tt26("Điều 4.1"));
    assert_eq!(before.get(WholeBlood).next_eligible, Some(d("2024-05-10")));
    assert!(p.vn("2024-05-10").is_eligible(WholeBlood));
}

#[test]
fn a_29_february_birth_turns_18_on_1_march_tt26_art4_1() {
    let p = Person::woman(500).born("2008-02-29");
    assert!(!p.vn("2026-02-28").is_eligible(WholeBlood));
    assert_eq!(
        p.vn("2026-02-28").get(WholeBlood).next_eligible,
        Some(d("2026-03-01"))
    );
    assert!(p.vn("2026-03-01").is_eligible(WholeBlood));
}

#[test]
fn donors_may_give_until_the_last_day_at_60_tt26_art4_1() {
    let p = Person::man(700).born("1964-05-10");
    let last_day = p.vn("2025-05-09");
    assert!(last_day.is_eligible(WholeBlood));
    let at_61 = p.vn("2025-05-10");
    let r = only_reason(&at_61, WholeBlood);
    assert_eq!(r.kind, ReasonKind::TooOld { max_age: 60 });
    assert_eq!(r.citation, tt26("Điều 4.1"));
    assert_eq!(r.clears_on(), None);
    assert_eq!(at_61.get(WholeBlood).next_eligible, None);
}

#[test]
fn a_wait_that_ends_after_the_61st_birthday_never_ends_tt26_art4_1() {
    let p = Person::man(700)
        .born("1964-05-10")
        .gave("2025-03-01", WholeBlood);
    assert_eq!(p.vn("2025-03-10").get(WholeBlood).next_eligible, None);
    let q = Person::man(700)
        .born("1964-05-10")
        .gave("2025-04-20", PlasmaApheresis);
    assert_eq!(
        q.vn("2025-04-25").get(WholeBlood).next_eligible,
        Some(d("2025-05-04"))
    );
}

// ----- Điều 4.2a: weight and volume, whole blood -----

#[test]
fn women_need_42_kg_for_whole_blood_tt26_art4_2a() {
    let light = Person::woman(419).vn("2024-06-01");
    let r = only_reason(&light, WholeBlood);
    assert_eq!(r.kind, ReasonKind::Underweight { min_hg: 420 });
    assert_eq!(r.citation, tt26("Điều 4.2a"));
    assert_eq!(light.get(WholeBlood).next_eligible, None);
    assert_eq!(light.get(WholeBlood).max_volume_ml(), None);
    let enough = Person::woman(420).vn("2024-06-01");
    assert!(enough.is_eligible(WholeBlood));
    assert_eq!(enough.get(WholeBlood).max_volume_ml(), Some(250));
}

#[test]
fn men_need_45_kg_for_whole_blood_tt26_art4_2a() {
    let light = Person::man(449).vn("2024-06-01");
    assert_eq!(
        only_reason(&light, WholeBlood).kind,
        ReasonKind::Underweight { min_hg: 450 }
    );
    let enough = Person::man(450).vn("2024-06-01");
    assert!(enough.is_eligible(WholeBlood));
    assert_eq!(enough.get(WholeBlood).max_volume_ml(), Some(405));
}

#[test]
fn below_45_kg_whole_blood_is_at_most_250_ml_tt26_art4_2a() {
    let p = Person::woman(440);
    let a = p.vn("2024-06-01");
    assert_eq!(
        a.get(WholeBlood).max_volume,
        Some(VolumeLimit {
            max_ml: 250,
            citation: tt26("Điều 4.2a"),
        })
    );
    let donor = p.donor();
    let rules = RuleSet::vietnam();
    assert_eq!(
        check_pledge(&rules, &donor, &[], d("2024-06-01"), WholeBlood, 250),
        Ok(())
    );
    assert_eq!(
        check_pledge(&rules, &donor, &[], d("2024-06-01"), WholeBlood, 350),
        Err(vec![Reason {
            kind: ReasonKind::VolumeTooHigh {
                max_ml: 250,
                asked_ml: 350,
            },
            citation: tt26("Điều 4.2a"),
        }])
    );
    // 44.9 kg is still the 250 ml band; 45.0 kg is 9 ml/kg.
    assert_eq!(
        Person::woman(449)
            .vn("2024-06-01")
            .get(WholeBlood)
            .max_volume_ml(),
        Some(250)
    );
    assert_eq!(
        Person::woman(450)
            .vn("2024-06-01")
            .get(WholeBlood)
            .max_volume_ml(),
        Some(405)
    );
}

#[test]
fn from_45_kg_whole_blood_is_at_most_9_ml_per_kg_tt26_art4_2a() {
    let p = Person::man(480);
    assert_eq!(
        p.vn("2024-06-01").get(WholeBlood).max_volume_ml(),
        Some(432)
    );
    let donor = p.donor();
    let rules = RuleSet::vietnam();
    let day = d("2024-06-01");
    assert_eq!(
        check_pledge(&rules, &donor, &[], day, WholeBlood, 350),
        Ok(())
    );
    assert_eq!(
        check_pledge(&rules, &donor, &[], day, WholeBlood, 432),
        Ok(())
    );
    let refused = check_pledge(&rules, &donor, &[], day, WholeBlood, 450).unwrap_err();
    assert_eq!(
        refused[0].kind,
        ReasonKind::VolumeTooHigh {
            max_ml: 432,
            asked_ml: 450,
        }
    );
    assert_eq!(refused[0].citation, tt26("Điều 4.2a"));
    // Fractions of a millilitre round down: 45.5 kg x 9 = 409.5.
    assert_eq!(
        volume_limit(&rules, WholeBlood, hg(455)).map(|v| v.max_ml),
        Some(409)
    );
}

#[test]
fn whole_blood_is_at_most_500_ml_tt26_art4_2a() {
    let rules = RuleSet::vietnam();
    assert_eq!(
        volume_limit(&rules, WholeBlood, hg(700)).map(|v| v.max_ml),
        Some(500)
    );
    let donor = Person::man(700).donor();
    let day = d("2024-06-01");
    assert_eq!(
        check_pledge(&rules, &donor, &[], day, WholeBlood, 500),
        Ok(())
    );
    assert!(check_pledge(&rules, &donor, &[], day, WholeBlood, 501).is_err());
}

// ----- Điều 4.2b: apheresis -----

#[test]
fn apheresis_needs_50_kg_and_gives_at_most_500_ml_tt26_art4_2b() {
    for kind in [RedCellApheresis, PlateletApheresis, PlasmaApheresis] {
        let light = Person::man(499).vn("2024-06-01");
        assert!(light.is_eligible(WholeBlood));
        let r = only_reason(&light, kind);
        assert_eq!(r.kind, ReasonKind::Underweight { min_hg: 500 });
        assert_eq!(r.citation, tt26("Điều 4.2b"));
        assert_eq!(light.get(kind).next_eligible, None);
        let enough = Person::woman(500).vn("2024-06-01");
        assert!(enough.is_eligible(kind));
        assert_eq!(enough.get(kind).max_volume_ml(), Some(500));
        assert_eq!(
            Person::woman(599)
                .vn("2024-06-01")
                .get(kind)
                .max_volume_ml(),
            Some(500)
        );
    }
}

#[test]
fn from_60_kg_apheresis_gives_at_most_650_ml_tt26_art4_2b() {
    let rules = RuleSet::vietnam();
    let day = d("2024-06-01");
    assert_eq!(
        volume_limit(&rules, PlasmaApheresis, hg(600)),
        Some(VolumeLimit {
            max_ml: 650,
            citation: tt26("Điều 4.2b"),
        })
    );
    let heavy = Person::man(600).donor();
    assert_eq!(
        check_pledge(&rules, &heavy, &[], day, PlasmaApheresis, 650),
        Ok(())
    );
    assert!(check_pledge(&rules, &heavy, &[], day, PlasmaApheresis, 651).is_err());
    let lighter = Person::man(599).donor();
    assert_eq!(
        check_pledge(&rules, &lighter, &[], day, PlateletApheresis, 650),
        Err(vec![Reason {
            kind: ReasonKind::VolumeTooHigh {
                max_ml: 500,
                asked_ml: 650,
            },
            citation: tt26("Điều 4.2b"),
        }])
    );
}

// ----- Điều 5: declared deferrals -----

#[test]
fn the_rest_of_article_5_defers_for_its_period_with_its_citation_tt26_art5() {
    // Bug guarded: only six causes of Điều 5 were known (tattoo, piercing, exposure,
    // transfusion, birth, end of pregnancy): a volunteer recovered from tuberculosis, or
    // vaccinated against rabies after a bite, was told they could give at once.
    for (cause, since, last_deferred, from, article) in [
        (
            DeferralCause::SeriousInfection,
            "2024-03-15",
            "2025-03-14",
            "2025-03-15",
            "Điều 5.1a",
        ),
        (
            DeferralCause::RabiesVaccination,
            "2024-03-15",
            "2025-03-14",
            "2025-03-15",
            "Điều 5.1b",
        ),
        (
            DeferralCause::Infection,
            "2024-03-15",
            "2024-09-14",
            "2024-09-15",
            "Điều 5.2d",
        ),
        (
            DeferralCause::LiveVaccine,
            "2024-03-15",
            "2024-04-11",
            "2024-04-12",
            "Điều 5.3b",
        ),
        (
            DeferralCause::RecentIllness,
            "2024-03-15",
            "2024-04-11",
            "2024-04-12",
            "Điều 5.3a",
        ),
        (
            DeferralCause::MinorIllness,
            "2024-03-15",
            "2024-03-21",
            "2024-03-22",
            "Điều 5.4a",
        ),
        (
            DeferralCause::OtherVaccine,
            "2024-03-15",
            "2024-03-21",
            "2024-03-22",
            "Điều 5.4b",
        ),
    ] {
        let p = Person::woman(500).declared(cause, since);
        let r = only_reason(&p.vn(last_deferred), WholeBlood).clone();
        assert!(
            matches!(r.kind, ReasonKind::Deferred { cause: c, from: f, .. } if c == cause && f == d(from)),
            "{cause:?}: {r:?}"
        );
        assert_eq!(r.citation, tt26(article), "{cause:?}");
        assert!(p.vn(from).is_eligible(WholeBlood), "{cause:?}");
    }
    assert!(
        DeferralCause::ALL
            .iter()
            .all(|c| RuleSet::vietnam().deferral(*c).is_some()),
        "every cause the forms ask about has its rule"
    );
}

#[test]
fn a_tattoo_defers_6_months_tt26_art5_2a() {
    let p = Person::woman(500).declared(DeferralCause::Tattoo, "2024-03-15");
    let before = p.vn("2024-09-14");
    let r = only_reason(&before, WholeBlood);
    assert_eq!(
        r.kind,
        ReasonKind::Deferred {
            cause: DeferralCause::Tattoo,
            since: d("2024-03-15"),
            period: Period::Months(6),
            from: d("2024-09-15"),
        }
    );
    assert_eq!(r.citation, tt26("Điều 5.2a"));
    assert!(p.vn("2024-09-15").is_eligible(WholeBlood));
}

#[test]
fn a_piercing_on_31_august_defers_to_the_end_of_february_tt26_art5_2b() {
    let p = Person::woman(500).declared(DeferralCause::Piercing, "2024-08-31");
    let before = p.vn("2025-02-27");
    assert_eq!(
        only_reason(&before, PlasmaApheresis).citation,
        tt26("Điều 5.2b")
    );
    assert_eq!(
        before.get(PlasmaApheresis).next_eligible,
        Some(d("2025-02-28"))
    );
    assert!(p.vn("2025-02-28").is_eligible(PlasmaApheresis));
}

#[test]
fn childbirth_defers_12_months_tt26_art5_1d() {
    let p = Person::woman(500).declared(DeferralCause::Childbirth, "2023-07-20");
    assert_eq!(
        only_reason(&p.vn("2024-07-19"), WholeBlood).citation,
        tt26("Điều 5.1d")
    );
    assert!(p.vn("2024-07-20").is_eligible(WholeBlood));
}

#[test]
fn the_end_of_a_pregnancy_on_29_february_defers_to_28_february_tt26_art5_1d() {
    let p = Person::woman(500).declared(DeferralCause::EndOfPregnancy, "2024-02-29");
    assert!(!p.vn("2025-02-27").is_eligible(WholeBlood));
    assert_eq!(
        p.vn("2025-01-01").get(WholeBlood).next_eligible,
        Some(d("2025-02-28"))
    );
    assert!(p.vn("2025-02-28").is_eligible(WholeBlood));
}

#[test]
fn a_transfusion_defers_12_months_and_blood_exposure_6_tt26_art5() {
    let p = Person::man(600)
        .declared(DeferralCause::Transfusion, "2024-01-10")
        .declared(DeferralCause::BloodExposure, "2024-06-10");
    let a = p.vn("2024-08-01");
    let citations: Vec<Citation> = a
        .get(WholeBlood)
        .reasons
        .iter()
        .map(|r| r.citation)
        .collect();
    assert_eq!(citations, [tt26("Điều 5.1c"), tt26("Điều 5.2c")]);
    assert_eq!(a.get(WholeBlood).next_eligible, Some(d("2025-01-10")));
    assert!(!p.vn("2025-01-09").is_eligible(WholeBlood));
    assert!(p.vn("2025-01-10").is_eligible(WholeBlood));
}

// ----- everything together -----

#[test]
fn every_reason_is_reported_with_its_citation() {
    let p = Person::woman(410)
        .born("2007-01-01")
        .gave("2024-06-01", WholeBlood)
        .declared(DeferralCause::Tattoo, "2024-05-01");
    let a = p.vn("2024-07-01");
    let whole: Vec<Citation> = a
        .get(WholeBlood)
        .reasons
        .iter()
        .map(|r| r.citation)
        .collect();
    assert_eq!(
        whole,
        [
            tt26("Điều 4.2a"),
            tt26("Điều 4.1"),
            tt26("Điều 6.1"),
            tt26("Điều 5.2a"),
        ]
    );
    assert_eq!(a.get(WholeBlood).next_eligible, None);
    assert_eq!(a.get(WholeBlood).max_volume, None);
    // The type-independent reasons appear once in the summary, beside each type's weight.
    assert_eq!(a.reasons().len(), 5);
}

#[test]
fn the_next_eligible_day_is_the_latest_of_every_wait() {
    let p = Person::man(600)
        .born("2006-08-01")
        .gave("2024-06-01", WholeBlood)
        .declared(DeferralCause::Piercing, "2024-03-01");
    // Waits: 18th birthday 2024-08-01, interval 2024-08-24, piercing 2024-09-01.
    let a = p.vn("2024-07-01");
    assert_eq!(a.get(WholeBlood).reasons.len(), 3);
    assert_eq!(a.get(WholeBlood).next_eligible, Some(d("2024-09-01")));
    assert!(!p.vn("2024-08-31").is_eligible(WholeBlood));
    assert!(p.vn("2024-09-01").is_eligible(WholeBlood));
}

#[test]
fn check_pledge_reads_the_donor_record() {
    let rules = RuleSet::vietnam();
    let donor = Person::man(480).gave("2024-05-01", WholeBlood).donor();
    let refused = check_pledge(&rules, &donor, &[], d("2024-06-01"), WholeBlood, 450).unwrap_err();
    let citations: Vec<&str> = refused.iter().map(|r| r.citation.article).collect();
    assert_eq!(citations, ["Điều 6.1", "Điều 4.2a"]);
    assert_eq!(
        check_pledge(&rules, &donor, &[], d("2024-07-24"), WholeBlood, 350),
        Ok(())
    );
}

// ----- the American Red Cross: the same code, other data -----

fn arc(article: &'static str) -> Citation {
    Citation {
        source: ARC,
        article,
    }
}

#[test]
fn arc_whole_blood_waits_56_days_with_the_same_code() {
    let p = Person::man(700).gave("2024-01-01", WholeBlood);
    let day_55 = p.arc("2024-02-25");
    let r = only_reason(&day_55, WholeBlood);
    assert_eq!(r.citation, arc("whole blood: every 56 days"));
    assert_eq!(day_55.get(WholeBlood).next_eligible, Some(d("2024-02-26")));
    assert!(p.arc("2024-02-26").is_eligible(WholeBlood));
    // The same history under TT 26 still waits.
    assert!(!p.vn("2024-02-26").is_eligible(WholeBlood));
}

#[test]
fn arc_platelets_7_plasma_28_double_red_cells_112_days() {
    for (kind, days) in [
        (PlateletApheresis, 7),
        (PlasmaApheresis, 28),
        (RedCellApheresis, 112),
    ] {
        let p = Person::woman(600).gave("2024-01-01", kind);
        let rules = RuleSet::american_red_cross();
        let last_refused = d("2024-01-01").add_days(days - 1);
        assert!(
            !p.assess(&rules, last_refused).is_eligible(kind),
            "{kind:?}"
        );
        assert!(p.assess(&rules, last_refused.add_days(1)).is_eligible(kind));
    }
}

#[test]
fn arc_takes_donors_from_17_with_no_upper_age_and_from_110_lb() {
    let teen = Person::woman(550).born("2007-03-10");
    assert!(!teen.arc("2024-03-09").is_eligible(WholeBlood));
    assert_eq!(
        only_reason(&teen.arc("2024-03-09"), WholeBlood).citation,
        arc("age: at least 17")
    );
    assert!(teen.arc("2024-03-10").is_eligible(WholeBlood));
    let elder = Person::man(800).born("1940-01-01");
    assert!(elder.arc("2024-06-01").is_eligible(WholeBlood));
    assert!(!elder.vn("2024-06-01").is_eligible(WholeBlood));
    assert!(
        Person::woman(499)
            .arc("2024-06-01")
            .is_eligible(PlasmaApheresis)
    );
    assert_eq!(
        only_reason(&Person::woman(498).arc("2024-06-01"), WholeBlood).kind,
        ReasonKind::Underweight { min_hg: 499 }
    );
}

#[test]
fn arc_defers_6_weeks_after_pregnancy_and_ignores_causes_it_does_not_list() {
    let p = Person::woman(600)
        .declared(DeferralCause::Childbirth, "2024-03-01")
        .declared(DeferralCause::BloodExposure, "2024-03-01");
    assert_eq!(
        only_reason(&p.arc("2024-04-11"), WholeBlood).kind,
        ReasonKind::Deferred {
            cause: DeferralCause::Childbirth,
            since: d("2024-03-01"),
            period: Period::Days(42),
            from: d("2024-04-12"),
        }
    );
    assert!(p.arc("2024-04-12").is_eligible(WholeBlood));
}

#[test]
fn both_sets_cite_every_rule_and_cover_every_cause_they_list() {
    for rules in [RuleSet::vietnam(), RuleSet::american_red_cross()] {
        let mut citations = vec![rules.min_age.citation, rules.interval_basis];
        for kind in DonationType::ALL {
            citations.push(rules.min_weight.get(kind).citation);
            citations.push(rules.interval_after.get(kind).citation);
            assert!(!rules.volume.get(kind).is_empty());
            citations.extend(rules.volume.get(kind).iter().map(|t| t.citation));
        }
        citations.extend(rules.deferrals.iter().map(|r| r.citation));
        assert!(
            citations
                .iter()
                .all(|c| c.source == rules.name && !c.article.is_empty())
        );
    }
    let vn = RuleSet::vietnam();
    assert_eq!(RuleSet::default(), vn);
    for cause in DeferralCause::ALL {
        assert!(vn.deferral(cause).is_some(), "{cause:?}");
    }
}

// ----- properties -----

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// TT 26 read straight from the rules table, independently of [`RuleSet`] and [`assess`].
    fn tt26_allows(p: &Person, day: Date, kind: DonationType) -> bool {
        let age = p.birth.age_on(day);
        let min_hg = match (kind, p.sex) {
            (WholeBlood, Sex::Female) => 420,
            (WholeBlood, Sex::Male) => 450,
            _ => 500,
        };
        let latest = p.history.iter().map(|x| x.date).max();
        let waited = p
            .history
            .iter()
            .filter(|x| Some(x.date) == latest)
            .all(|x| {
                let days = match x.kind {
                    WholeBlood | RedCellApheresis => 84,
                    PlateletApheresis | PlasmaApheresis => 14,
                };
                day.days_since(x.date) >= days
            });
        let undeferred = p.declarations.iter().all(|x| {
            day >= match x.cause {
                DeferralCause::Tattoo
                | DeferralCause::Piercing
                | DeferralCause::BloodExposure
                | DeferralCause::Infection => x.date.add_months(6),
                DeferralCause::LiveVaccine | DeferralCause::RecentIllness => x.date.add_days(28),
                DeferralCause::OtherVaccine | DeferralCause::MinorIllness => x.date.add_days(7),
                _ => x.date.add_months(12),
            }
        });
        (18..=60).contains(&age) && p.weight.hg() >= min_hg && waited && undeferred
    }

    const BASE: &str = "2025-01-01";

    fn person() -> impl Strategy<Value = (Person, Date)> {
        (
            0i64..2000,
            any::<bool>(),
            (15 * 365i64)..(66 * 365),
            380u16..900,
            prop::collection::vec((-400i64..30, 0usize..4), 0..5),
            prop::collection::vec((-400i64..30, 0usize..DeferralCause::ALL.len()), 0..3),
        )
            .prop_map(|(day, female, age_days, weight, history, declared)| {
                let day = d(BASE).add_days(day);
                let person = Person {
                    sex: if female { Sex::Female } else { Sex::Male },
                    birth: day.add_days(-age_days),
                    weight: hg(weight),
                    history: history
                        .into_iter()
                        .map(|(offset, kind)| Donation {
                            date: day.add_days(offset),
                            kind: DonationType::ALL[kind],
                            volume_ml: 350,
                        })
                        .collect(),
                    declarations: declared
                        .into_iter()
                        .map(|(offset, cause)| Declaration {
                            cause: DeferralCause::ALL[cause],
                            date: day.add_days(offset),
                        })
                        .collect(),
                };
                (person, day)
            })
    }

    proptest! {
        #[test]
        fn the_next_eligible_day_is_the_first_day_tt26_allows((p, day) in person()) {
            let a = p.vn(&day.to_string());
            for kind in DonationType::ALL {
                prop_assert_eq!(a.is_eligible(kind), tt26_allows(&p, day, kind));
                let first = (0..1500)
                    .map(|n| day.add_days(n))
                    .find(|&x| tt26_allows(&p, x, kind));
                prop_assert_eq!(a.get(kind).next_eligible, first, "{:?}", kind);
            }
        }

        #[test]
        fn the_next_eligible_day_is_eligible_and_the_day_before_is_not(
            (p, day) in person(),
            arc_rules in any::<bool>(),
        ) {
            let rules = if arc_rules {
                RuleSet::american_red_cross()
            } else {
                RuleSet::vietnam()
            };
            let a = p.assess(&rules, day);
            for kind in DonationType::ALL {
                let t = a.get(kind);
                match t.next_eligible {
                    Some(next) => {
                        prop_assert!(next >= day);
                        prop_assert!(p.assess(&rules, next).is_eligible(kind));
                        prop_assert_eq!(next == day, t.is_eligible());
                        if next > day {
                            prop_assert!(!p.assess(&rules, next.add_days(-1)).is_eligible(kind));
                        }
                        for r in &t.reasons {
                            prop_assert!(r.clears_on().is_some_and(|c| c <= next));
                        }
                    }
                    None => {
                        let latest = t.reasons.iter().map(Reason::clears_on).try_fold(
                            day,
                            |acc, c| c.map(|c| acc.max(c)),
                        );
                        if let Some(latest) = latest {
                            // Only waitable reasons: the wait outlasts the maximum age.
                            prop_assert!(!p.assess(&rules, latest).is_eligible(kind));
                        }
                    }
                }
            }
        }

        #[test]
        fn volumes_never_exceed_500_ml_650_ml_or_9_ml_per_kg_tt26_art4_2(
            weight in 200u16..=3000,
            female in any::<bool>(),
        ) {
            let rules = RuleSet::vietnam();
            let w = hg(weight);
            if let Some(v) = volume_limit(&rules, WholeBlood, w) {
                prop_assert!(v.max_ml <= 500);
                prop_assert!(weight >= 420);
                if weight >= 450 {
                    prop_assert!(u32::from(v.max_ml) * 10 <= 9 * u32::from(weight));
                } else {
                    prop_assert_eq!(v.max_ml, 250);
                }
            }
            for kind in [RedCellApheresis, PlateletApheresis, PlasmaApheresis] {
                let v = volume_limit(&rules, kind, w).map(|v| v.max_ml);
                prop_assert!(v.is_none_or(|ml| ml <= 650 && (ml <= 500 || weight >= 600)));
            }
            let mut p = Person::woman(weight);
            p.sex = if female { Sex::Female } else { Sex::Male };
            let a = p.vn("2024-06-01");
            for kind in DonationType::ALL {
                let t = a.get(kind);
                prop_assert_eq!(t.max_volume.is_some(), t.is_eligible());
                if let Some(v) = t.max_volume {
                    prop_assert_eq!(Some(v), volume_limit(&rules, kind, w));
                }
            }
        }

        #[test]
        fn check_pledge_allows_exactly_up_to_the_largest_volume(
            weight in 420u16..1200,
            volume in 1u16..=1000,
            kind in 0usize..4,
        ) {
            let rules = RuleSet::vietnam();
            let kind = DonationType::ALL[kind];
            let p = Person::man(weight);
            let day = d("2024-06-01");
            let allowed = p.assess(&rules, day).get(kind).max_volume_ml();
            let result = check_pledge(&rules, &p.donor(), &[], day, kind, volume);
            prop_assert_eq!(result.is_ok(), allowed.is_some_and(|max| volume <= max));
        }
    }
}
