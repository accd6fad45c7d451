//! Shared contract with the quantity recogniser (issue 5): the number of a unit
//! name is never a count of people.
mod common;
use sitrep_core::ActorKind;

#[test]
fn unit_numbers_are_not_counts() {
    let texts = [
        "During the offensive, 41 members of Light Infantry Battalion 143 surrendered to the MNDAA.",
        "Infantry Battalion 125 and 129 surrendered in northern Shan State.",
        "Troops from Light Infantry Battalions 543 and 544 withdrew from the town.",
        "Soldiers of Infantry Battalion 130 and Light Infantry Battalion 324 laid down their arms.",
        "Twenty-three troops from Light Infantry Division 22 surrendered.",
        "Thirty-two junta soldiers from Division 66 surrendered to the KNDF.",
        "The headquarters of MOC 16 and LIB 345 were overrun.",
        "PDF Battalion 3 ambushed 60 troops of IB 54 near the road.",
        "The 33rd Light Infantry Division burned 250 houses.",
    ];
    let mut counts = 0;
    for text in texts {
        let units: Vec<_> = common::find(text)
            .into_iter()
            .filter(|m| m.kind == ActorKind::MilitaryUnit)
            .collect();
        assert!(!units.is_empty(), "{text}");
        for q in sitrep_quantity::find(text) {
            if q.measure.is_none() {
                continue;
            }
            counts += 1;
            for u in &units {
                assert!(
                    !u.span.overlaps(q.number_span),
                    "{text}: the number of {:?} was read as a count {:?}",
                    u.name,
                    q.text
                );
            }
        }
    }
    // The real counts ("41 members", "60 troops", "250 houses") are still read.
    assert!(counts >= 3, "only {counts} counts read");
}
