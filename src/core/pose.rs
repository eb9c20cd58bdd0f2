//! Exercise figures as data: a jointed stick body, key poses per exercise, and the maths that
//! turns a pose into line segments. The view only draws what [`segments`] returns.
//!
//! A body is a pelvis (position and torso direction) with joint angles for each limb; forward
//! kinematics walks from the pelvis out to the feet and hands. Each exercise has a start and a
//! top pose (plus in-between keys where a straight blend of the two would look wrong), drawn in
//! the view that shows its movement best. The figures are Rust tables rather than a JSON asset:
//! the compiler checks every field, there is nothing to parse at start-up, and no serde code for
//! them in the wasm.
//!
//! Conventions: figure units, y up from the bottom of the [`VIEW_W`] × [`VIEW_H`] box (segments
//! come out y down, ready for SVG); angles in degrees, counter-clockwise. The key poses show the
//! left leg working; [`mirrored`] gives the right.

use crate::core::session::{Ms, Phase, Session};

/// Width and height of the figure box.
pub const VIEW_W: f64 = 120.0;
pub const VIEW_H: f64 = 100.0;
/// Radius of the head, drawn as a circle around the end of the [`BodyPart::Head`] segment.
pub const HEAD_R: f64 = 5.5;

/// Height of the floor line.
const FLOOR: f64 = 6.0;
// Segment lengths: a body about 83 units tall.
const TORSO: f64 = 27.0;
const NECK: f64 = 7.5;
const UPPER_ARM: f64 = 13.0;
const FOREARM: f64 = 12.5;
const THIGH: f64 = 20.0;
const SHIN: f64 = 19.0;
const FOOT: f64 = 6.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

pub const fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BodyPart {
    Head,
    Torso,
    UpperArm,
    LowerArm,
    UpperLeg,
    LowerLeg,
    Foot,
    Floor,
    Step,
    /// The post a band is tied to.
    Anchor,
    Band,
}

/// One line of the drawing, in box coordinates (y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    pub from: Point,
    pub to: Point,
    pub part: BodyPart,
    /// Part of the leg that does the exercise.
    pub working: bool,
    /// On the far side of the body, drawn fainter and behind.
    pub far: bool,
}

/// One arm or leg: joint angles from the body outwards, each relative to the segment before
/// (the first relative to the body's "down", from neck to pelvis).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limb {
    /// Hip or shoulder, knee or elbow, ankle (unused for arms).
    pub angles: [f64; 3],
    /// Drawn length of each segment as a share of its true length: less than 1 where the
    /// segment points towards or away from the viewer.
    pub lengths: [f64; 3],
}

/// A leg: hip, knee and ankle angles.
pub const fn leg(hip: f64, knee: f64, ankle: f64) -> Limb {
    Limb {
        angles: [hip, knee, ankle],
        lengths: [1.0, 1.0, 1.0],
    }
}

/// An arm: shoulder and elbow angles.
pub const fn arm(shoulder: f64, elbow: f64) -> Limb {
    Limb {
        angles: [shoulder, elbow, 0.0],
        lengths: [1.0, 1.0, 0.0],
    }
}

impl Limb {
    /// The same limb with foreshortened segments.
    pub const fn seen(self, upper: f64, lower: f64, end: f64) -> Limb {
        Limb {
            lengths: [upper, lower, end],
            ..self
        }
    }
}

/// The body: where the pelvis is, which way the torso points, and every joint angle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Body {
    /// Pelvis centre.
    pub x: f64,
    pub y: f64,
    /// Direction from pelvis to neck.
    pub torso: f64,
    /// Drawn torso length as a share of its true length.
    pub torso_len: f64,
    /// Head tilt relative to the torso.
    pub head: f64,
    /// Tilt of the line through the hips, relative to square with the torso (hip hikes, or a
    /// body seen at an angle).
    pub pelvis: f64,
    /// Tilt of the line through the shoulders, likewise.
    pub shoulders: f64,
    /// Signed distance of each hip and shoulder from the midline, across the torso: the working
    /// leg and near arm on one side, the others on the opposite one. 0 in side views.
    pub hip_w: f64,
    pub shoulder_w: f64,
    /// The working leg, then the other.
    pub legs: [Limb; 2],
    /// The near arm, then the far one.
    pub arms: [Limb; 2],
}

/// How the floor is drawn: a line, or (seen from above) a mat.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Floor {
    Line,
    Mat([Point; 4]),
}

/// Where a band is tied on the working leg.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandEnd {
    AboveKnee,
    Ankle,
}

/// Everything drawn that is not the body.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scene {
    pub floor: Floor,
    /// A step: its two side edges, and the height of its top.
    pub step: Option<(f64, f64, f64)>,
    /// A band from the top of an anchor post to the working leg.
    pub band: Option<(Point, BandEnd)>,
    /// The support leg and far arm are behind the body.
    pub side_on: bool,
    /// Scale of the drawing about the middle of the floor line, for bodies that look small from
    /// where they are seen.
    pub zoom: f64,
}

/// A body in its scene: what [`segments`] draws.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pose {
    pub body: Body,
    pub scene: Scene,
}

/// Which point stays put while the body moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pin {
    /// The pelvis stays where the key poses put it.
    Pelvis,
    /// The standing foot stays on the floor (or the step).
    StandingFoot,
}

/// One exercise's figure: the start and top poses, and keys in between where the way up (or
/// down) is not a straight blend of the two.
#[derive(Clone, Copy, Debug)]
pub struct Figure {
    pub id: &'static str,
    pub scene: Scene,
    pub pin: Pin,
    pub start: Body,
    pub top: Body,
    /// Keys on the way up, at heights between 0 (start) and 1 (top), in increasing order.
    pub up: &'static [(f64, Body)],
    /// Keys on the way down, likewise; empty means the way up, retraced.
    pub down: &'static [(f64, Body)],
}

/// Where a rep is: its height (0 start, 1 top) and whether it is on its way down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub height: f64,
    pub lowering: bool,
}

impl Stroke {
    pub const START: Stroke = Stroke {
        height: 0.0,
        lowering: false,
    };
    pub const TOP: Stroke = Stroke {
        height: 1.0,
        lowering: false,
    };
}

/// The figure's place in the current rep: rising while lifting, up while holding, falling while
/// lowering, at the start otherwise. Still while paused, as the session's progress is.
pub fn stroke(session: &Session, now: Ms) -> Stroke {
    let progress = session.phase_progress(now).unwrap_or(0.0);
    match session.phase {
        Phase::Lifting { .. } => Stroke {
            height: progress,
            lowering: false,
        },
        Phase::Holding { .. } => Stroke::TOP,
        Phase::Lowering { .. } => Stroke {
            height: 1.0 - progress,
            lowering: true,
        },
        _ => Stroke::START,
    }
}

/// A rep on a loop: up, hold at the top, down, again. `ms` is the time since the loop began.
pub fn looping(ms: f64, up_ms: f64, hold_ms: f64, down_ms: f64) -> Stroke {
    let (up, hold, down) = (up_ms.max(1.0), hold_ms.max(0.0), down_ms.max(1.0));
    let t = ms.max(0.0) % (up + hold + down);
    if t < up {
        Stroke {
            height: t / up,
            lowering: false,
        }
    } else if t < up + hold {
        Stroke::TOP
    } else {
        Stroke {
            height: 1.0 - (t - up - hold) / down,
            lowering: true,
        }
    }
}

/// The figure of an exercise, by id.
pub fn figure(id: &str) -> Option<&'static Figure> {
    FIGURES.iter().find(|f| f.id == id)
}

/// The pose `t` of the way from start (0) to top (1); outside that, clamped. An unknown
/// exercise shows someone standing.
pub fn pose_at(id: &str, t: f64) -> Pose {
    figure(id).unwrap_or(&STANDING).pose(Stroke {
        height: t,
        lowering: false,
    })
}

impl Figure {
    /// The pose at a point of the rep, eased so it starts and stops gently.
    pub fn pose(&self, stroke: Stroke) -> Pose {
        let t = if stroke.height.is_nan() {
            0.0
        } else {
            stroke.height.clamp(0.0, 1.0)
        };
        let eased = t * t * (3.0 - 2.0 * t);
        let keys = if stroke.lowering && !self.down.is_empty() {
            self.down
        } else {
            self.up
        };
        let mut body = self.start;
        let mut from = 0.0;
        for &(at, key) in keys.iter().chain([(1.0, self.top)].iter()) {
            if eased <= at {
                body = blend(&body, &key, (eased - from) / (at - from).max(f64::EPSILON));
                break;
            }
            body = key;
            from = at;
        }
        if self.pin == Pin::StandingFoot {
            let (want, got) = (skeleton(&self.start).legs[1][1], skeleton(&body).legs[1][1]);
            body.x += want.x - got.x;
            body.y += want.y - got.y;
        }
        Pose {
            body,
            scene: self.scene,
        }
    }
}

impl Figure {
    /// The part of the box the figure uses over a whole rep, both ways, with room for the
    /// strokes: x, y, width, height. Views crop to it, so each figure fills its frame. The floor
    /// line counts only for its height: it runs to whatever edge the crop has.
    pub fn bounds(&self) -> [f64; 4] {
        let (mut x0, mut y0, mut x1, mut y1) = (VIEW_W, VIEW_H, 0.0_f64, 0.0_f64);
        for i in 0..=40 {
            let lowering = i > 20;
            let height = f64::from(if lowering { 40 - i } else { i }) / 20.0;
            let pose = self.pose(Stroke { height, lowering });
            let floor_line = pose.scene.floor == Floor::Line;
            for s in segments(&pose) {
                let r = if s.part == BodyPart::Head {
                    HEAD_R * pose.scene.zoom
                } else {
                    0.0
                };
                for p in [s.from, s.to] {
                    if !(floor_line && s.part == BodyPart::Floor) {
                        x0 = x0.min(p.x - r);
                        x1 = x1.max(p.x + r);
                    }
                    y0 = y0.min(p.y - r);
                    y1 = y1.max(p.y + r);
                }
            }
        }
        let margin = 4.0;
        let (x0, y0) = ((x0 - margin).max(0.0), (y0 - margin).max(0.0));
        let (x1, y1) = ((x1 + margin).min(VIEW_W), (y1 + margin).min(VIEW_H));
        [x0, y0, x1 - x0, y1 - y0]
    }
}

fn mix(a: f64, b: f64, s: f64) -> f64 {
    a + (b - a) * s
}

fn mix3(a: [f64; 3], b: [f64; 3], s: f64) -> [f64; 3] {
    [mix(a[0], b[0], s), mix(a[1], b[1], s), mix(a[2], b[2], s)]
}

fn blend_limb(a: &Limb, b: &Limb, s: f64) -> Limb {
    Limb {
        angles: mix3(a.angles, b.angles, s),
        lengths: mix3(a.lengths, b.lengths, s),
    }
}

/// The body `s` of the way from `a` to `b`, joint by joint.
fn blend(a: &Body, b: &Body, s: f64) -> Body {
    let s = s.clamp(0.0, 1.0);
    Body {
        x: mix(a.x, b.x, s),
        y: mix(a.y, b.y, s),
        torso: mix(a.torso, b.torso, s),
        torso_len: mix(a.torso_len, b.torso_len, s),
        head: mix(a.head, b.head, s),
        pelvis: mix(a.pelvis, b.pelvis, s),
        shoulders: mix(a.shoulders, b.shoulders, s),
        hip_w: mix(a.hip_w, b.hip_w, s),
        shoulder_w: mix(a.shoulder_w, b.shoulder_w, s),
        legs: [0, 1].map(|i| blend_limb(&a.legs[i], &b.legs[i], s)),
        arms: [0, 1].map(|i| blend_limb(&a.arms[i], &b.arms[i], s)),
    }
}

fn flip_limb(limb: Limb) -> Limb {
    Limb {
        angles: limb.angles.map(|a| -a),
        ..limb
    }
}

/// The mirror image, for the other leg: x reflected about the middle of the box, y unchanged.
pub fn mirrored(pose: &Pose) -> Pose {
    let (b, s) = (&pose.body, &pose.scene);
    let flip = |p: Point| pt(VIEW_W - p.x, p.y);
    Pose {
        body: Body {
            x: VIEW_W - b.x,
            torso: 180.0 - b.torso,
            head: -b.head,
            pelvis: -b.pelvis,
            shoulders: -b.shoulders,
            // "Across the torso" turns round with the torso: the sign change keeps each hip on
            // its side of the mirrored body.
            hip_w: -b.hip_w,
            shoulder_w: -b.shoulder_w,
            legs: b.legs.map(flip_limb),
            arms: b.arms.map(flip_limb),
            ..*b
        },
        scene: Scene {
            floor: match s.floor {
                Floor::Mat(corners) => Floor::Mat(corners.map(flip)),
                line => line,
            },
            step: s.step.map(|(x0, x1, top)| (VIEW_W - x0, VIEW_W - x1, top)),
            band: s.band.map(|(p, end)| (flip(p), end)),
            ..*s
        },
    }
}

/// Every joint of a body, y up.
struct Skeleton {
    neck: Point,
    head: Point,
    hips: [Point; 2],
    shoulders: [Point; 2],
    /// Knee, ankle and toe of each leg.
    legs: [[Point; 3]; 2],
    /// Elbow and hand of each arm (the third point repeats the hand).
    arms: [[Point; 3]; 2],
}

fn step(p: Point, degrees: f64, length: f64) -> Point {
    let (sin, cos) = degrees.to_radians().sin_cos();
    pt(p.x + cos * length, p.y + sin * length)
}

/// The joints of a limb from its root outwards: forward kinematics.
fn chain(root: Point, base: f64, limb: &Limb, sizes: [f64; 3]) -> [Point; 3] {
    let mut angle = base;
    let mut at = root;
    let mut out = [root; 3];
    for i in 0..3 {
        angle += limb.angles[i];
        at = step(at, angle, sizes[i] * limb.lengths[i]);
        out[i] = at;
    }
    out
}

fn skeleton(b: &Body) -> Skeleton {
    let pelvis = pt(b.x, b.y);
    let neck = step(pelvis, b.torso, TORSO * b.torso_len);
    let (across_hips, across_shoulders) = (b.torso + 90.0 + b.pelvis, b.torso + 90.0 + b.shoulders);
    let hips = [1.0, -1.0].map(|side| step(pelvis, across_hips, side * b.hip_w));
    let shoulders = [1.0, -1.0].map(|side| step(neck, across_shoulders, side * b.shoulder_w));
    let down = b.torso + 180.0;
    let legs = [0, 1].map(|i| chain(hips[i], down + b.pelvis, &b.legs[i], [THIGH, SHIN, FOOT]));
    let arm_sizes = [UPPER_ARM, FOREARM, 0.0];
    let arms = [0, 1].map(|i| chain(shoulders[i], down + b.shoulders, &b.arms[i], arm_sizes));
    Skeleton {
        neck,
        head: step(neck, b.torso + b.head, NECK),
        hips,
        shoulders,
        legs,
        arms,
    }
}

/// From figure units (y up) to the box (y down), zoomed about the middle of the floor.
fn place(scene: &Scene, p: Point) -> Point {
    let middle = VIEW_W / 2.0;
    pt(
        middle + (p.x - middle) * scene.zoom,
        VIEW_H - FLOOR - (p.y - FLOOR) * scene.zoom,
    )
}

/// Every joint of the body in box coordinates, always in the same order: pelvis, neck, head,
/// hips, shoulders, then knee, ankle and toe of the working leg and of the other, then elbow
/// and hand of the near arm and of the far one.
pub fn joints(pose: &Pose) -> Vec<Point> {
    let k = skeleton(&pose.body);
    let mut all = vec![pt(pose.body.x, pose.body.y), k.neck, k.head];
    all.extend(k.hips.iter().chain(&k.shoulders));
    all.extend(k.legs.iter().flatten());
    all.extend(k.arms.iter().flat_map(|a| &a[..2]));
    all.into_iter().map(|p| place(&pose.scene, p)).collect()
}

/// The drawing of a pose, back to front: scene, far limbs, body, working leg.
pub fn segments(pose: &Pose) -> Vec<Segment> {
    let k = skeleton(&pose.body);
    let scene = &pose.scene;
    let place = |p: Point| place(scene, p);
    let mut out = Vec::with_capacity(32);
    let mut path = |points: &[Point], part: BodyPart, working: bool, far: bool| {
        for pair in points.windows(2) {
            let (from, to) = (pair[0], pair[1]);
            // A segment seen end-on is not drawn.
            if (from.x - to.x).abs() + (from.y - to.y).abs() > 0.3 {
                out.push(Segment {
                    from: place(from),
                    to: place(to),
                    part,
                    working,
                    far,
                });
            }
        }
    };
    match scene.floor {
        Floor::Line => {
            // Edge to edge of the box, whatever the zoom.
            let half = (VIEW_W / 2.0 - 6.0) / scene.zoom;
            let ends = [
                pt(VIEW_W / 2.0 - half, FLOOR),
                pt(VIEW_W / 2.0 + half, FLOOR),
            ];
            path(&ends, BodyPart::Floor, false, false)
        }
        Floor::Mat(c) => path(
            &[c[0], c[1], c[2], c[3], c[0]],
            BodyPart::Floor,
            false,
            false,
        ),
    }
    if let Some((x0, x1, top)) = scene.step {
        let outline = [pt(x0, FLOOR), pt(x0, top), pt(x1, top), pt(x1, FLOOR)];
        path(&outline, BodyPart::Step, false, false);
    }
    if let Some((anchor, end)) = scene.band {
        path(
            &[pt(anchor.x, FLOOR), pt(anchor.x, anchor.y + 4.0)],
            BodyPart::Anchor,
            false,
            false,
        );
        let tie = match end {
            BandEnd::AboveKnee => {
                let (hip, knee) = (k.hips[0], k.legs[0][0]);
                pt(mix(hip.x, knee.x, 0.8), mix(hip.y, knee.y, 0.8))
            }
            BandEnd::Ankle => k.legs[0][1],
        };
        path(&[anchor, tie], BodyPart::Band, false, false);
    }
    let far = scene.side_on;
    let [upper_arm, lower_arm] = [BodyPart::UpperArm, BodyPart::LowerArm];
    let [upper_leg, lower_leg, foot] = [BodyPart::UpperLeg, BodyPart::LowerLeg, BodyPart::Foot];
    let (a, l) = (&k.arms, &k.legs);
    path(&[k.shoulders[1], a[1][0]], upper_arm, false, far);
    path(&[a[1][0], a[1][1]], lower_arm, false, far);
    path(&[k.hips[1], l[1][0]], upper_leg, false, far);
    path(&[l[1][0], l[1][1]], lower_leg, false, far);
    path(&[l[1][1], l[1][2]], foot, false, far);
    let pelvis = pt(pose.body.x, pose.body.y);
    path(
        &[k.hips[1], pelvis, k.hips[0]],
        BodyPart::Torso,
        false,
        false,
    );
    path(&[pelvis, k.neck], BodyPart::Torso, false, false);
    path(
        &[k.shoulders[1], k.neck, k.shoulders[0]],
        BodyPart::Torso,
        false,
        false,
    );
    path(&[k.neck, k.head], BodyPart::Head, false, false);
    path(&[k.hips[0], l[0][0]], upper_leg, true, false);
    path(&[l[0][0], l[0][1]], lower_leg, true, false);
    path(&[l[0][1], l[0][2]], foot, true, false);
    path(&[k.shoulders[0], a[0][0]], upper_arm, false, false);
    path(&[a[0][0], a[0][1]], lower_arm, false, false);
    out
}

/// A pose as SVG path data, one path per layer, in tenths of a unit (whole numbers are quick to
/// write, and this runs every frame).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drawing {
    /// Floor, step and anchor post.
    pub scene: String,
    pub band: String,
    /// The limbs on the far side, drawn fainter.
    pub far: String,
    pub body: String,
    pub working: String,
    /// Centre and radius of the head.
    pub head: (i32, i32, i32),
}

pub fn drawing(pose: &Pose) -> Drawing {
    use std::fmt::Write;
    let mut d = Drawing::default();
    let tenths = |v: f64| (v * 10.0).round() as i32;
    for s in segments(pose) {
        let layer = match s.part {
            BodyPart::Floor | BodyPart::Step | BodyPart::Anchor => &mut d.scene,
            BodyPart::Band => &mut d.band,
            _ if s.working => &mut d.working,
            _ if s.far => &mut d.far,
            _ => &mut d.body,
        };
        let (x0, y0, x1, y1) = (
            tenths(s.from.x),
            tenths(s.from.y),
            tenths(s.to.x),
            tenths(s.to.y),
        );
        let _ = write!(layer, "M{x0} {y0}L{x1} {y1}");
        if s.part == BodyPart::Head {
            d.head = (x1, y1, tenths(HEAD_R * pose.scene.zoom));
        }
    }
    d
}

// ---- the figures ----------------------------------------------------------------------------
// Each figure is a start and a top body (and keys between where needed), in one view. A new
// exercise's figure: derive its bodies from the nearest base below (`..BASE`, changing the
// working leg), then add an entry to FIGURES under the exercise's id.

const fn scene(floor: Floor, side_on: bool, zoom: f64) -> Scene {
    Scene {
        floor,
        step: None,
        band: None,
        side_on,
        zoom,
    }
}

/// A figure whose way down retraces the way up.
const fn simple(id: &'static str, scene: Scene, pin: Pin, start: Body, top: Body) -> Figure {
    Figure {
        id,
        scene,
        pin,
        start,
        top,
        up: &[],
        down: &[],
    }
}

// Lying on the right side, seen from the front and a little above: head on the left, resting on
// the lower hand; hips stacked, the left (working) one on top.
const LYING: Body = Body {
    x: 64.0,
    y: 14.0,
    torso: 170.0,
    torso_len: 1.0,
    head: -30.0,
    pelvis: 0.0,
    shoulders: 0.0,
    hip_w: -4.0,
    shoulder_w: -4.5,
    legs: [
        leg(10.0, 0.0, -90.0).seen(1.0, 1.0, 0.6),
        leg(10.0, 0.0, -90.0).seen(1.0, 1.0, 0.6),
    ],
    arms: [arm(-50.0, 60.0), arm(-132.5, -127.5)],
};
/// Lateral leg raises: the straight top leg lifts out to the side.
const LATERAL_TOP: Body = Body {
    legs: [leg(50.0, 0.0, -90.0).seen(1.0, 1.0, 0.6), LYING.legs[1]],
    ..LYING
};
// Clams: knees bent forward (towards the viewer, so lower in the picture), feet together.
const CLAM: Body = Body {
    y: 19.0,
    hip_w: -4.5,
    legs: [
        leg(-20.0, 47.0, -70.0).seen(1.0, 1.0, 0.5),
        leg(-10.0, 45.0, -70.0).seen(1.0, 1.0, 0.5),
    ],
    ..LYING
};
/// The top knee opens like a shell; the feet stay together.
const CLAM_TOP: Body = Body {
    legs: [leg(25.0, -46.0, 0.0).seen(1.0, 1.0, 0.5), CLAM.legs[1]],
    ..CLAM
};

// On all fours seen from the left side, head on the left: back flat, hands under shoulders,
// knees under hips.
const KNEEL_SIDE: Body = Body {
    x: 74.0,
    y: 27.0,
    torso: 167.0,
    torso_len: 1.0,
    head: 0.0,
    pelvis: 0.0,
    shoulders: 0.0,
    hip_w: 0.0,
    shoulder_w: 0.0,
    legs: [
        leg(-77.0, 90.0, 0.0).seen(1.0, 1.0, 0.6),
        leg(-77.0, 90.0, 0.0).seen(1.0, 1.0, 0.6),
    ],
    arms: [arm(-77.0, 0.0), arm(-77.0, 0.0)],
};
/// Donkey kicks: the bent leg drives back and up, sole to the ceiling.
const KICK_TOP: Body = Body {
    legs: [
        leg(18.0, 90.0, -90.0).seen(1.0, 1.0, 0.6),
        KNEEL_SIDE.legs[1],
    ],
    ..KNEEL_SIDE
};

// On all fours seen from behind, to the left and above (a camera 40° round from straight behind,
// 20° up), so a sideways lift of the left leg shows. Worked out from 3D joint positions.
const KNEEL_3Q: Body = Body {
    x: 62.6,
    y: 36.4,
    torso: 144.5,
    torso_len: 0.77,
    head: 4.3,
    pelvis: -38.5,
    shoulders: -38.5,
    hip_w: 4.8,
    shoulder_w: 6.4,
    legs: [
        leg(-16.0, 67.8, 0.0).seen(0.94, 0.69, 0.69),
        leg(-16.0, 67.8, 0.0).seen(0.94, 0.69, 0.69),
    ],
    arms: [
        arm(-16.0, 0.0).seen(0.94, 0.94, 0.0),
        arm(-16.0, 0.0).seen(0.94, 0.94, 0.0),
    ],
};
/// Fire hydrants: the bent knee lifts out to the side to hip height.
const HYDRANT_TOP: Body = Body {
    legs: [
        leg(-90.0, 141.8, -0.0).seen(0.80, 0.69, 0.69),
        KNEEL_3Q.legs[1],
    ],
    ..KNEEL_3Q
};
/// Donkey whips: the leg sweeps out to the side, nearly straight.
const WHIP_MID: Body = Body {
    legs: [
        leg(-56.3, 83.7, 24.5).seen(0.73, 0.49, 0.69),
        KNEEL_3Q.legs[1],
    ],
    ..KNEEL_3Q
};
const WHIP_TOP: Body = Body {
    legs: [
        leg(-88.3, -0.0, 78.5).seen(0.66, 0.70, 0.99),
        KNEEL_3Q.legs[1],
    ],
    ..KNEEL_3Q
};
/// Knee circles: forward under the body, out to the side (top), back behind, down.
const CIRCLE_FORWARD: Body = Body {
    legs: [
        leg(-65.8, 104.6, -9.9).seen(0.59, 0.77, 0.82),
        KNEEL_3Q.legs[1],
    ],
    ..KNEEL_3Q
};
const CIRCLE_BACK_OUT: Body = Body {
    legs: [
        leg(-30.4, 150.9, -68.7).seen(0.35, 0.65, 0.66),
        KNEEL_3Q.legs[1],
    ],
    ..KNEEL_3Q
};
const CIRCLE_BACK: Body = Body {
    legs: [
        leg(51.8, 112.2, -112.2).seen(0.69, 0.94, 0.69),
        KNEEL_3Q.legs[1],
    ],
    ..KNEEL_3Q
};
const MAT_3Q: Floor = Floor::Mat([
    pt(68.8, 6.0),
    pt(94.9, 13.5),
    pt(51.2, 31.3),
    pt(25.1, 23.8),
]);

// Standing, seen from the left side, facing left.
const STAND_SIDE: Body = Body {
    x: 62.0,
    y: 47.0,
    torso: 90.0,
    torso_len: 1.0,
    head: 4.0,
    pelvis: 0.0,
    shoulders: 0.0,
    hip_w: 0.0,
    shoulder_w: 0.0,
    legs: [leg(0.0, 0.0, -90.0), leg(0.0, 0.0, -90.0)],
    arms: [arm(-8.0, -25.0), arm(-8.0, -25.0)],
};
/// Theraband balance: the foot touches down beside the standing foot...
const BALANCE_START: Body = Body {
    legs: [leg(10.0, 15.0, -65.0), STAND_SIDE.legs[1]],
    arms: [arm(-15.0, -60.0), arm(15.0, -60.0)],
    ..STAND_SIDE
};
/// ...and drives up to a high knee, arms swinging as in a stride.
const BALANCE_TOP: Body = Body {
    legs: [leg(-90.0, 90.0, -90.0), STAND_SIDE.legs[1]],
    arms: [arm(35.0, -90.0), arm(-35.0, -90.0)],
    ..STAND_SIDE
};
/// Standing hip flexor: hands on hips, the straight leg lifts forward.
const FLEXOR_START: Body = Body {
    arms: [arm(20.0, -50.0), arm(20.0, -50.0)],
    legs: [leg(6.0, 0.0, -90.0), STAND_SIDE.legs[1]],
    ..STAND_SIDE
};
const FLEXOR_TOP: Body = Body {
    legs: [leg(-45.0, 0.0, -90.0), STAND_SIDE.legs[1]],
    ..FLEXOR_START
};

// Standing, seen from the front, hands on hips: the left leg is on the viewer's right.
const STAND_FRONT: Body = Body {
    x: 60.0,
    y: 47.0,
    torso: 90.0,
    torso_len: 1.0,
    head: 0.0,
    pelvis: 0.0,
    shoulders: 0.0,
    hip_w: -5.5,
    shoulder_w: -8.0,
    legs: [
        leg(0.0, 0.0, 90.0).seen(1.0, 1.0, 0.6),
        leg(0.0, 0.0, -90.0).seen(1.0, 1.0, 0.6),
    ],
    arms: [arm(20.0, -45.0), arm(-20.0, 45.0)],
};
/// Standing hip abductor: the straight leg lifts out to the side against the band.
const ABDUCTOR_TOP: Body = Body {
    legs: [
        leg(35.0, 0.0, 90.0).seen(1.0, 1.0, 0.6),
        STAND_FRONT.legs[1],
    ],
    ..STAND_FRONT
};
// Hip hikes, from the front: the right foot on a step, the left leg hanging beside it. The
// pelvis drops on the free side, then the hip lifts it above level; both legs stay straight.
const HIKE_DROP: Body = Body {
    y: 55.4,
    pelvis: -22.0,
    hip_w: -7.0,
    legs: [
        leg(22.0, 0.0, 90.0).seen(1.0, 1.0, 0.6),
        leg(22.0, 0.0, -90.0).seen(1.0, 1.0, 0.6),
    ],
    arms: [arm(15.0, 10.0), arm(-15.0, -10.0)],
    ..STAND_FRONT
};
const HIKE_TOP: Body = Body {
    pelvis: 22.0,
    legs: [
        leg(-22.0, 0.0, 90.0).seen(1.0, 1.0, 0.6),
        leg(-22.0, 0.0, -90.0).seen(1.0, 1.0, 0.6),
    ],
    ..HIKE_DROP
};

const PLAIN: Scene = scene(Floor::Line, false, 1.0);
const LYING_DOWN: Scene = scene(Floor::Line, false, 1.2);
const SIDE_ON: Scene = scene(Floor::Line, true, 1.0);
const BEHIND: Scene = scene(MAT_3Q, true, 1.3);
const fn banded(scene: Scene, anchor: Point, end: BandEnd) -> Scene {
    Scene {
        band: Some((anchor, end)),
        ..scene
    }
}

/// The ten figures, in the routine's order.
pub static FIGURES: [Figure; 10] = [
    simple("clams", LYING_DOWN, Pin::Pelvis, CLAM, CLAM_TOP),
    simple(
        "lateral-leg-raises",
        LYING_DOWN,
        Pin::Pelvis,
        LYING,
        LATERAL_TOP,
    ),
    simple("donkey-kicks", SIDE_ON, Pin::Pelvis, KNEEL_SIDE, KICK_TOP),
    Figure {
        up: &[(0.45, WHIP_MID)],
        ..simple("donkey-whips", BEHIND, Pin::Pelvis, KNEEL_3Q, WHIP_TOP)
    },
    simple("fire-hydrants", BEHIND, Pin::Pelvis, KNEEL_3Q, HYDRANT_TOP),
    Figure {
        up: &[(0.5, CIRCLE_FORWARD)],
        down: &[(0.35, CIRCLE_BACK), (0.7, CIRCLE_BACK_OUT)],
        ..simple("knee-circles", BEHIND, Pin::Pelvis, KNEEL_3Q, HYDRANT_TOP)
    },
    simple(
        "theraband-balance",
        banded(SIDE_ON, pt(104.0, 28.0), BandEnd::AboveKnee),
        Pin::StandingFoot,
        BALANCE_START,
        BALANCE_TOP,
    ),
    simple(
        "standing-hip-flexor",
        banded(SIDE_ON, pt(104.0, 10.0), BandEnd::Ankle),
        Pin::StandingFoot,
        FLEXOR_START,
        FLEXOR_TOP,
    ),
    simple(
        "standing-hip-abductor",
        banded(PLAIN, pt(14.0, 10.0), BandEnd::Ankle),
        Pin::StandingFoot,
        STAND_FRONT,
        ABDUCTOR_TOP,
    ),
    Figure {
        scene: Scene {
            step: Some((24.0, 58.0, FLOOR + 11.0)),
            zoom: 0.94,
            ..PLAIN
        },
        ..simple("hip-hikes", PLAIN, Pin::StandingFoot, HIKE_DROP, HIKE_TOP)
    },
];

/// What an unknown exercise shows: someone standing.
static STANDING: Figure = simple("", PLAIN, Pin::StandingFoot, STAND_FRONT, STAND_FRONT);
