//! Type groups: event types that reports of one happening use for each other.
//!
//! Only events of the same group are ever compared. Within a group, a pair of
//! different types pays a penalty (see `similarity.rs`).

use serde::{Deserialize, Serialize};
use sitrep_core::EventType;

/// A set of event types that different reports may use for the same happening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeGroup {
    /// battle, casualties: a clash and the killed/injured figures of it.
    Fighting,
    /// airstrike, shelling, explosion: reports confuse drone bombs, artillery
    /// and blasts of unknown origin.
    Remote,
    /// capture, withdrawal, surrender, defection, desertion: a position
    /// changes hands and its garrison gives up, flees or goes over.
    Control,
    /// arrest, conscription, prisoner_release, amnesty: people taken, drafted
    /// or freed by authorities (an amnesty and the release under it; prisoners
    /// released to the front).
    Custody,
    /// attack_on_civilians.
    Civilians,
    /// arson.
    Arson,
    /// displacement.
    Displacement,
    /// protest.
    Protest,
    /// strength_estimate.
    Strength,
}

impl TypeGroup {
    /// The group of an event type.
    pub fn of(t: EventType) -> TypeGroup {
        use EventType::*;
        match t {
            Battle | Casualties => TypeGroup::Fighting,
            Airstrike | Shelling | Explosion => TypeGroup::Remote,
            Capture | Withdrawal | Surrender | Defection | Desertion => TypeGroup::Control,
            Arrest | Conscription | PrisonerRelease | Amnesty => TypeGroup::Custody,
            AttackOnCivilians => TypeGroup::Civilians,
            Arson => TypeGroup::Arson,
            Displacement => TypeGroup::Displacement,
            Protest => TypeGroup::Protest,
            StrengthEstimate => TypeGroup::Strength,
        }
    }
    /// Small integer for packing into blocking keys.
    pub(crate) fn code(self) -> u64 {
        self as u64
    }
    pub fn as_str(self) -> &'static str {
        match self {
            TypeGroup::Fighting => "fighting",
            TypeGroup::Remote => "remote",
            TypeGroup::Control => "control",
            TypeGroup::Custody => "custody",
            TypeGroup::Civilians => "civilians",
            TypeGroup::Arson => "arson",
            TypeGroup::Displacement => "displacement",
            TypeGroup::Protest => "protest",
            TypeGroup::Strength => "strength",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_group_and_groups_separate_unrelated_types() {
        for t in EventType::ALL {
            let _ = TypeGroup::of(*t);
        }
        assert_eq!(
            TypeGroup::of(EventType::Surrender),
            TypeGroup::of(EventType::Defection)
        );
        assert_eq!(
            TypeGroup::of(EventType::Airstrike),
            TypeGroup::of(EventType::Shelling)
        );
        assert_ne!(
            TypeGroup::of(EventType::Surrender),
            TypeGroup::of(EventType::Shelling)
        );
        assert_ne!(
            TypeGroup::of(EventType::Arrest),
            TypeGroup::of(EventType::Battle)
        );
    }
}
