//! The exercise figures: smooth, bounded, mirrored for the other leg, one for every exercise,
//! with its equipment, and in step with the pacer.

use bia::core::pose::{
    BodyPart, HEAD_R, Point, Pose, Segment, Stroke, VIEW_H, VIEW_W, figure, joints, looping,
    mirrored, pose_at, segments, stroke,
};
use bia::core::routine::{Equipment, Routine};
use bia::core::session::{Event, Options, Session};

fn ids() -> Vec<String> {
    Routine::bundled()
        .exercises
        .into_iter()
        .map(|e| e.id)
        .collect()
}

/// Every pose of an exercise's rep, up then down, `n` steps each way.
fn rep(id: &str, n: usize) -> Vec<(Stroke, Pose)> {
    let f = figure(id).unwrap_or_else(|| panic!("no figure for `{id}`"));
    let up = (0..=n).map(|i| Stroke {
        height: i as f64 / n as f64,
        lowering: false,
    });
    let down = (0..=n).rev().map(|i| Stroke {
        height: i as f64 / n as f64,
        lowering: true,
    });
    up.chain(down).map(|s| (s, f.pose(s))).collect()
}

fn distance(a: Point, b: Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

fn largest_move(a: &Pose, b: &Pose) -> f64 {
    joints(a)
        .into_iter()
        .zip(joints(b))
        .map(|(p, q)| distance(p, q))
        .fold(0.0, f64::max)
}

fn inside(p: Point, margin: f64) -> bool {
    p.x.is_finite()
        && p.y.is_finite()
        && (margin..=VIEW_W - margin).contains(&p.x)
        && (margin..=VIEW_H - margin).contains(&p.y)
}

#[test]
fn every_exercise_has_its_own_figure() {
    for id in ids() {
        let f = figure(&id).unwrap_or_else(|| panic!("no figure for `{id}`"));
        assert_eq!(f.id, id);
    }
    assert!(figure("no-such-exercise").is_none());
}

#[test]
fn a_small_step_in_time_is_a_small_step_of_the_body() {
    for id in ids() {
        let poses = rep(&id, 1000);
        for pair in poses.windows(2) {
            let ((s0, p0), (s1, p1)) = (&pair[0], &pair[1]);
            // Up to top, top to down: the same pose at the turn.
            let moved = largest_move(p0, p1);
            assert!(
                moved < 0.5,
                "`{id}`: {s0:?} → {s1:?} moves a joint {moved:.2}"
            );
        }
    }
}

#[test]
fn the_way_down_ends_where_the_way_up_starts() {
    for id in ids() {
        let f = figure(&id).unwrap();
        let at = |height, lowering| f.pose(Stroke { height, lowering });
        assert!(largest_move(&at(0.0, false), &at(0.0, true)) < 1e-9, "{id}");
        assert!(largest_move(&at(1.0, false), &at(1.0, true)) < 1e-9, "{id}");
    }
}

#[test]
fn every_pose_stays_in_the_box() {
    for id in ids() {
        for (s, pose) in rep(&id, 200) {
            for pose in [pose, mirrored(&pose)] {
                for seg in segments(&pose) {
                    for p in [seg.from, seg.to] {
                        // Strokes are drawn about 2.5 units thick around the line.
                        assert!(inside(p, 2.0), "`{id}` at {s:?}: {seg:?} leaves the box");
                    }
                    if seg.part == BodyPart::Head {
                        assert!(inside(seg.to, HEAD_R), "`{id}` at {s:?}: head off the box");
                    }
                }
            }
        }
    }
}

#[test]
fn outside_zero_to_one_the_pose_holds_at_the_ends() {
    for id in ids() {
        assert_eq!(pose_at(&id, -0.5), pose_at(&id, 0.0), "{id}");
        assert_eq!(pose_at(&id, -1e9), pose_at(&id, 0.0), "{id}");
        assert_eq!(pose_at(&id, 1.5), pose_at(&id, 1.0), "{id}");
        assert_eq!(pose_at(&id, f64::INFINITY), pose_at(&id, 1.0), "{id}");
        assert_eq!(pose_at(&id, f64::NAN), pose_at(&id, 0.0), "{id}");
    }
}

#[test]
fn the_working_leg_moves_visibly_from_start_to_top() {
    for id in ids() {
        let working = |pose: &Pose| -> Vec<Segment> {
            segments(pose).into_iter().filter(|s| s.working).collect()
        };
        let (start, top) = (pose_at(&id, 0.0), pose_at(&id, 1.0));
        assert!(!working(&start).is_empty(), "`{id}`: no working leg");
        // The far end of the leg (knee or ankle) travels at least 6% of the box's height.
        let j0 = joints(&start);
        let j1 = joints(&top);
        let travel = [7, 8].map(|i| distance(j0[i], j1[i]));
        assert!(
            travel.iter().any(|&d| d >= 6.0),
            "`{id}`: the knee and ankle move only {travel:?}"
        );
    }
}

#[test]
fn the_other_leg_is_the_mirror_image() {
    for id in ids() {
        for (s, pose) in rep(&id, 20) {
            let (a, b) = (segments(&pose), segments(&mirrored(&pose)));
            assert_eq!(a.len(), b.len(), "`{id}` at {s:?}");
            let flipped = |p: Point| Point {
                x: VIEW_W - p.x,
                y: p.y,
            };
            for (p, q) in a.iter().zip(&b) {
                assert_eq!((p.part, p.working, p.far), (q.part, q.working, q.far));
                // A line drawn either way round is the same line.
                let (from, to) = (flipped(q.from), flipped(q.to));
                let same = |u: Point, v: Point| distance(u, v) < 1e-9;
                assert!(
                    (same(p.from, from) && same(p.to, to))
                        || (same(p.from, to) && same(p.to, from)),
                    "`{id}`: {p:?} vs {q:?}"
                );
            }
            // Twice mirrored is the pose itself.
            assert!(largest_move(&pose, &mirrored(&mirrored(&pose))) < 1e-9);
        }
    }
}

#[test]
fn the_equipment_is_in_the_picture() {
    for exercise in Routine::bundled().exercises {
        let parts: Vec<BodyPart> = segments(&pose_at(&exercise.id, 0.5))
            .iter()
            .map(|s| s.part)
            .collect();
        let has = |part| parts.contains(&part);
        let id = &exercise.id;
        assert!(has(BodyPart::Floor), "`{id}`: no floor");
        let band = exercise.equipment.contains(&Equipment::Band);
        assert_eq!(has(BodyPart::Band), band, "`{id}`: band");
        assert_eq!(has(BodyPart::Anchor), band, "`{id}`: anchor");
        let step = exercise.equipment.contains(&Equipment::Step);
        assert_eq!(has(BodyPart::Step), step, "`{id}`: step");
    }
}

#[test]
fn a_looping_figure_goes_up_holds_and_comes_down() {
    let at = |ms| looping(ms, 1500.0, 10_000.0, 1500.0);
    let s = |height, lowering| Stroke { height, lowering };
    assert_eq!(at(0.0), s(0.0, false));
    assert_eq!(at(750.0), s(0.5, false));
    assert_eq!(at(1500.0), Stroke::TOP);
    assert_eq!(at(11_499.0), Stroke::TOP);
    assert_eq!(at(12_250.0), s(0.5, true));
    assert_eq!(at(13_000.0), s(0.0, false));
    assert_eq!(at(13_750.0), s(0.5, false));
    // No hold, and nonsense times stay in range.
    assert_eq!(looping(2250.0, 1500.0, 0.0, 1500.0), s(0.5, true));
    for ms in [-5.0, f64::MAX, 1e12 + 0.3] {
        let h = looping(ms, 2000.0, 0.0, 2000.0).height;
        assert!((0.0..=1.0).contains(&h), "{ms}: {h}");
    }
}

#[test]
fn the_figure_follows_the_pacer_and_stands_still_when_paused() {
    // Clams: 5 s get ready, 1.5 s up, 10 s hold, 1.5 s down.
    let mut session = Session::new(&Routine::bundled(), Options::default(), |e| e.reps.default);
    session.apply(Event::Start, 0);
    let mut at = |now| {
        session.apply(Event::Tick, now);
        stroke(&session, now)
    };
    let s = |height, lowering| Stroke { height, lowering };
    assert_eq!(at(2_000), Stroke::START);
    assert_eq!(at(5_750), s(0.5, false));
    assert_eq!(at(7_000), Stroke::TOP);
    assert_eq!(at(16_000), Stroke::TOP);
    assert_eq!(at(16_875), s(0.75, true));
    assert_eq!(at(18_000), s(0.0, false), "the next rep begins");

    let mut session = Session::new(&Routine::bundled(), Options::default(), |e| e.reps.default);
    session.apply(Event::Start, 0);
    session.apply(Event::Tick, 5_750);
    session.apply(Event::Pause, 5_750);
    session.apply(Event::Tick, 9_000);
    assert_eq!(stroke(&session, 9_000), s(0.5, false));
    session.apply(Event::Resume, 9_000);
    session.apply(Event::Tick, 9_375);
    assert_eq!(stroke(&session, 9_375), s(0.75, false));
}

#[test]
fn the_crop_holds_the_whole_movement_of_either_leg() {
    for id in ids() {
        let f = figure(&id).unwrap();
        let [x, y, w, h] = f.bounds();
        assert!(
            x >= 0.0 && y >= 0.0 && x + w <= VIEW_W && y + h <= VIEW_H,
            "`{id}`: {x} {y} {w} {h}"
        );
        for (s, pose) in rep(&id, 50) {
            for seg in segments(&pose).iter().filter(|s| s.part != BodyPart::Floor) {
                for p in [seg.from, seg.to] {
                    let inside = (x..=x + w).contains(&p.x) && (y..=y + h).contains(&p.y);
                    assert!(inside, "`{id}` at {s:?}: {seg:?} outside the crop");
                }
            }
        }
    }
}
