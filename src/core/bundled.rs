//! The routine shipped inside the app, as code `build.rs` wrote from `assets/routine.json` once it
//! had parsed and checked it (with `core::routine`): the app builds it without reading JSON.

use crate::core::routine::{
    Adaptation, Bounds, Correction, Equipment, Exercise, Posture, RepRange, Routine, Tempo,
};

impl Routine {
    /// The routine as shipped.
    pub fn bundled() -> Routine {
        include!(concat!(env!("OUT_DIR"), "/routine_bundled.rs"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_routine_is_the_document_as_parsed() {
        // Every field the app shows comes through `build.rs`'s writing: one dropped or rounded
        // (a tempo of 1.5 s written as 1) would differ here.
        assert_eq!(Routine::bundled(), Routine::parse_bundled());
    }
}
