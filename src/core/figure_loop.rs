//! A figure doing reps on a loop, as keyframes the browser animates by itself (SVG `<animate>`):
//! the home screen's figures then cost no script per frame. Between keyframes the browser
//! blends the path coordinates in a straight line; the keys are close enough for a blend of
//! joint angles to look the same.

use crate::core::display::decimal;
use crate::core::pose::{Drawing, Figure, Pose, Stroke, drawing, looping, pose_at};

/// The longest stretch between two keyframes of a stroke.
const MAX_KEY_GAP_MS: f64 = 150.0;
/// Keyframes per stroke at least, so even a quick stroke keeps its ease in and out.
const MIN_KEYS_PER_STROKE: u32 = 4;

/// One rep's drawings at the times they are reached, from the start of the loop to its end.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopKeys {
    /// Up, hold and down together.
    pub duration_ms: u32,
    /// When each drawing is reached, in ms from the start of the loop: 0 first, the duration
    /// last, in increasing order.
    pub at_ms: Vec<u32>,
    pub drawings: Vec<Drawing>,
}

/// The keyframes of a figure's loop: `up_ms` to the top, `hold_ms` there, `down_ms` back.
/// An exercise with no figure loops someone standing.
pub fn loop_keys(figure: Option<&Figure>, up_ms: f64, hold_ms: f64, down_ms: f64) -> LoopKeys {
    let (up, hold, down) = (up_ms.max(1.0), hold_ms.max(0.0), down_ms.max(1.0));
    let keys = |ms: f64| {
        (ms / MAX_KEY_GAP_MS)
            .ceil()
            .max(f64::from(MIN_KEYS_PER_STROKE)) as u32
    };
    let (up_keys, down_keys) = (keys(up), keys(down));
    let mut times = Vec::new();
    times.extend((0..up_keys).map(|i| up * f64::from(i) / f64::from(up_keys)));
    times.push(up);
    if hold > 0.0 {
        times.push(up + hold);
    }
    times.extend((1..=down_keys).map(|i| up + hold + down * f64::from(i) / f64::from(down_keys)));
    let pose =
        |stroke: Stroke| -> Pose { figure.map_or_else(|| pose_at("", 0.0), |f| f.pose(stroke)) };
    let drawings = times
        .iter()
        .map(|&t| {
            // The end of the loop is its start again; `looping` would wrap it there, but the
            // last frame must be reached on the way down.
            let stroke = if t >= up + hold + down {
                Stroke {
                    height: 0.0,
                    lowering: true,
                }
            } else {
                looping(t, up, hold, down)
            };
            drawing(&pose(stroke))
        })
        .collect();
    LoopKeys {
        duration_ms: (up + hold + down).round() as u32,
        at_ms: times.iter().map(|t| t.round() as u32).collect(),
        drawings,
    }
}

impl LoopKeys {
    /// `keyTimes` for `<animate>`: each time as a fraction of the loop, 0 to 1.
    pub fn key_times(&self) -> String {
        let total = f64::from(self.duration_ms.max(1));
        let last = self.at_ms.len().saturating_sub(1);
        self.at_ms
            .iter()
            .enumerate()
            .map(|(i, &at)| match i {
                0 => "0".to_owned(),
                i if i == last => "1".to_owned(),
                _ => decimal(f64::from(at) / total, 4),
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// The figure's SVG elements, back to front, each with the `<animate>` that moves it through
    /// the keyframes for ever. The first keyframe is also the still picture.
    pub fn markup(&self) -> String {
        let Some(first) = self.drawings.first() else {
            return String::new();
        };
        let timing = format!(
            r#" dur="{}ms" repeatCount="indefinite" calcMode="linear" keyTimes="{}""#,
            self.duration_ms,
            self.key_times()
        );
        let values = |part: fn(&Drawing) -> String| {
            self.drawings.iter().map(part).collect::<Vec<_>>().join(";")
        };
        let path = |class: &str, part: fn(&Drawing) -> String| {
            // A part that does not move (the floor, or one the figure does not have) is drawn
            // once: nothing for the browser to do on each frame, and a list of empty values
            // would be no animation at all.
            let still = part(first);
            if self.drawings.iter().all(|d| part(d) == still) {
                return format!(r#"<path class="{class}" d="{still}"/>"#);
            }
            format!(
                r#"<path class="{class}" d="{}"><animate attributeName="d"{timing} values="{}"/></path>"#,
                part(first),
                values(part)
            )
        };
        let (x, y, r) = first.head;
        let coordinate = |name: &str, at: fn(&Drawing) -> i32| {
            if self.drawings.iter().all(|d| at(d) == at(first)) {
                return String::new();
            }
            let values = self.drawings.iter().map(|d| at(d).to_string());
            format!(
                r#"<animate attributeName="{name}"{timing} values="{}"/>"#,
                values.collect::<Vec<_>>().join(";")
            )
        };
        let head = format!(
            r#"<circle class="figure-head" cx="{x}" cy="{y}" r="{r}">{}{}</circle>"#,
            coordinate("cx", |d| d.head.0),
            coordinate("cy", |d| d.head.1),
        );
        [
            path("figure-scene", |d| d.scene.clone()),
            path("figure-band", |d| d.band.clone()),
            path("figure-far", |d| d.far.clone()),
            path("figure-body", |d| d.body.clone()),
            head,
            path("figure-working", |d| d.working.clone()),
        ]
        .concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pose::figure;

    /// The shape of a path: its commands without their numbers. The browser blends two paths
    /// point by point only when their shapes match.
    fn shape(path: &str) -> String {
        path.chars().filter(|c| c.is_ascii_alphabetic()).collect()
    }

    fn clams() -> LoopKeys {
        loop_keys(figure("clams"), 1_500.0, 10_000.0, 1_500.0)
    }

    #[test]
    fn a_loop_lasts_up_hold_and_down() {
        let keys = clams();
        assert_eq!(keys.duration_ms, 13_000);
        assert_eq!(keys.at_ms.first(), Some(&0));
        assert_eq!(keys.at_ms.last(), Some(&13_000));
        assert!(keys.at_ms.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(keys.at_ms.len(), keys.drawings.len());
    }

    #[test]
    fn the_hold_stays_at_the_top_and_the_loop_ends_where_it_began() {
        let keys = clams();
        let at = |ms: u32| &keys.drawings[keys.at_ms.iter().position(|&t| t == ms).unwrap()];
        let top = drawing(&figure("clams").unwrap().pose(Stroke::TOP));
        assert_eq!(at(1_500), &top);
        assert_eq!(at(11_500), &top);
        assert_eq!(keys.drawings.first(), keys.drawings.last());
        assert_ne!(at(0), &top);
    }

    #[test]
    fn no_hold_means_straight_back_down() {
        let keys = loop_keys(figure("standing-hip-flexor"), 2_000.0, 0.0, 2_000.0);
        assert_eq!(keys.duration_ms, 4_000);
        assert_eq!(keys.at_ms.iter().filter(|&&t| t == 2_000).count(), 1);
        assert!(keys.at_ms.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn keyframes_are_close_enough_to_blend() {
        let keys = clams();
        for w in keys.at_ms.windows(2) {
            let gap = w[1] - w[0];
            assert!(gap <= 150 || gap == 10_000, "a gap of {gap} ms");
        }
    }

    #[test]
    fn every_keyframe_of_a_figure_has_the_same_shape() {
        for id in [
            "clams",
            "lateral-leg-raises",
            "donkey-kicks",
            "donkey-whips",
            "fire-hydrants",
            "knee-circles",
            "theraband-balance",
            "standing-hip-flexor",
            "standing-hip-abductor",
            "hip-hikes",
        ] {
            let f = figure(id).unwrap_or_else(|| panic!("{id} has a figure"));
            let keys = loop_keys(Some(f), 1_500.0, 2_000.0, 1_500.0);
            let first = &keys.drawings[0];
            for d in &keys.drawings {
                for (a, b) in [
                    (&first.scene, &d.scene),
                    (&first.band, &d.band),
                    (&first.far, &d.far),
                    (&first.body, &d.body),
                    (&first.working, &d.working),
                ] {
                    assert_eq!(shape(a), shape(b), "{id}");
                }
            }
        }
    }

    #[test]
    fn key_times_run_from_0_to_1() {
        let times = clams().key_times();
        let parts: Vec<&str> = times.split(';').collect();
        assert_eq!(parts.first(), Some(&"0"));
        assert_eq!(parts.last(), Some(&"1"));
        assert!(parts.contains(&"0.1154"), "{times}");
        let numbers: Vec<f64> = parts.iter().map(|p| p.parse().unwrap()).collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{times}");
    }

    #[test]
    fn markup_animates_every_part_through_every_keyframe() {
        let keys = clams();
        let markup = keys.markup();
        // Lying on the side, only the working leg moves: the body, the head and the floor are
        // drawn once, and clams have no band nor far limbs to draw.
        assert_eq!(markup.matches("<animate ").count(), 1);
        assert!(markup.contains(r#"<path class="figure-working" d="M"#));
        assert!(markup.contains(r#"<path class="figure-band" d=""/>"#));
        assert!(markup.contains(r#"<path class="figure-scene" d="M"#));
        assert!(!markup.contains(r#"attributeName="cx""#));
        let banded = loop_keys(figure("theraband-balance"), 1_500.0, 2_000.0, 1_500.0).markup();
        // Standing on one leg, the whole body moves with the band.
        assert!(banded.matches("<animate ").count() >= 4, "{banded}");
        let values = [markup, banded]
            .concat()
            .split(r#"values=""#)
            .skip(1)
            .map(|v| v.split('"').next().unwrap().split(';').count())
            .collect::<Vec<_>>();
        assert!(values.len() >= 5);
        for n in values {
            assert_eq!(n, keys.drawings.len());
        }
    }
}
