//! A figure doing reps on a loop, drawn once as a film strip that the browser's compositor moves
//! frame by frame: the home screen's figures then cost the page no work per frame, neither
//! script nor style, layout or paint. (SVG `<animate>` on the paths would need no script, but
//! the page would still lay out and paint every figure on every frame.)
//!
//! The strip is one SVG with every frame side by side, each centred in a cell of the window's
//! shape, so moving the strip by one window's width shows the next frame. Each part of the
//! drawing is one path for all frames, so a strip adds six elements to the page, whatever the
//! number of frames.

use crate::core::display::decimal;
use crate::core::pose::{self, Drawing, Figure, Stroke, drawing, looping, pose_at};

/// The longest a frame is shown while the figure moves: about twelve frames a second.
const MAX_FRAME_MS: f64 = 80.0;
/// Frames per stroke at least, so even a quick stroke keeps its ease in and out.
const MIN_FRAMES_PER_STROKE: u32 = 4;

/// One rep on a loop: the drawings it passes through, and when it reaches each.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureLoop {
    /// Up, hold and down together.
    pub duration_ms: u32,
    /// The distinct drawings of the loop, in order.
    pub frames: Vec<Drawing>,
    /// When each frame begins, in ms from the start of the loop, with its index in `frames`:
    /// 0 first, in increasing order. The loop ends where it began.
    pub schedule: Vec<(u32, usize)>,
    /// The figure's crop (x, y, width, height), in tenths of a unit, as its still pictures use.
    pub bounds: [i32; 4],
}

/// The loop of a figure: `up_ms` to the top, `hold_ms` there, `down_ms` back. An exercise with
/// no figure loops someone standing.
pub fn figure_loop(figure: Option<&Figure>, up_ms: f64, hold_ms: f64, down_ms: f64) -> FigureLoop {
    let (up, hold, down) = (up_ms.max(1.0), hold_ms.max(0.0), down_ms.max(1.0));
    let frames_in = |ms: f64| {
        (ms / MAX_FRAME_MS)
            .ceil()
            .max(f64::from(MIN_FRAMES_PER_STROKE)) as u32
    };
    let (up_frames, down_frames) = (frames_in(up), frames_in(down));
    // Each frame shows the pose of the middle of its stretch of time, so the top and the start
    // are each reached exactly when due.
    let mut times: Vec<f64> = (0..up_frames)
        .map(|i| up * f64::from(i) / f64::from(up_frames))
        .collect();
    times.push(up);
    times
        .extend((1..down_frames).map(|i| up + hold + down * f64::from(i) / f64::from(down_frames)));
    let pose = |stroke: Stroke| figure.map_or_else(|| pose_at("", 0.0), |f| f.pose(stroke));
    let mut frames: Vec<Drawing> = Vec::new();
    let mut schedule = Vec::new();
    for &t in &times {
        let d = drawing(&pose(looping(t, up, hold, down)));
        // On the way down a figure often passes through the poses of the way up: one frame each.
        let frame = frames.iter().position(|f| *f == d).unwrap_or_else(|| {
            frames.push(d);
            frames.len() - 1
        });
        if schedule.last().map(|&(_, f)| f) != Some(frame) {
            schedule.push((t.round() as u32, frame));
        }
    }
    let tenths = |v: f64| (v * 10.0).round() as i32;
    let [x, y, w, h] = figure.map_or([0.0, 0.0, pose::VIEW_W, pose::VIEW_H], |f| f.bounds());
    FigureLoop {
        duration_ms: (up + hold + down).round() as u32,
        frames,
        schedule,
        bounds: [tenths(x), tenths(y), tenths(w), tenths(h)],
    }
}

/// Adds `dx` to every x coordinate of path data written by [`drawing`] (`M{x} {y}L{x} {y}`…).
fn shifted(path: &str, dx: i32) -> String {
    let mut out = String::with_capacity(path.len() + path.len() / 4);
    let mut number = String::new();
    let mut is_x = true;
    let flush = |number: &mut String, out: &mut String, is_x: &mut bool| {
        if number.is_empty() {
            return;
        }
        let n: i32 = number.parse().unwrap_or(0);
        out.push_str(&(if *is_x { n + dx } else { n }).to_string());
        *is_x = !*is_x;
        number.clear();
    };
    for c in path.chars() {
        if c == '-' || c.is_ascii_digit() {
            number.push(c);
        } else {
            flush(&mut number, &mut out, &mut is_x);
            out.push(c);
            if c.is_ascii_alphabetic() {
                is_x = true;
            }
        }
    }
    flush(&mut number, &mut out, &mut is_x);
    out
}

impl FigureLoop {
    /// The cell each frame is centred in, in tenths of a unit: the crop widened or heightened
    /// to the window's shape (`aspect` = width / height).
    fn cell(&self, aspect: f64) -> (i32, i32) {
        let [_, _, w, h] = self.bounds;
        let (w, h) = (f64::from(w), f64::from(h));
        if w / h < aspect {
            ((h * aspect).round() as i32, h as i32)
        } else {
            (w as i32, (w / aspect).round() as i32)
        }
    }

    /// The strip's `viewBox`: every frame side by side, for a window of the shape `aspect`.
    pub fn view_box(&self, aspect: f64) -> String {
        let [x, y, w, h] = self.bounds;
        let (cell_w, cell_h) = self.cell(aspect);
        let frames = self.frames.len() as i32;
        format!(
            "{} {} {} {}",
            x - (cell_w - w) / 2,
            y - (cell_h - h) / 2,
            cell_w * frames,
            cell_h
        )
    }

    /// The `viewBox` of one cell, for the scene behind the strip.
    pub fn cell_view_box(&self, aspect: f64) -> String {
        let [x, y, w, h] = self.bounds;
        let (cell_w, cell_h) = self.cell(aspect);
        format!(
            "{} {} {cell_w} {cell_h}",
            x - (cell_w - w) / 2,
            y - (cell_h - h) / 2
        )
    }

    /// The scene (floor, step, post), which stays where it is through the loop: drawn once
    /// behind the strip, in a window of its own, since a floor line runs to the edges of
    /// whatever shows it and would reach into the next frame's cell.
    pub fn scene_markup(&self) -> String {
        let scene = self.frames.first().map_or("", |d| d.scene.as_str());
        format!(r#"<path class="figure-scene" d="{scene}"/>"#)
    }

    /// The strip's SVG elements, back to front: each moving part of the figure one path through
    /// every frame, frame `k` moved right by `k` cells. The head is a filled circle drawn as a
    /// path.
    pub fn markup(&self, aspect: f64) -> String {
        let (cell_w, _) = self.cell(aspect);
        let part = |class: &str, path: &dyn Fn(&Drawing, i32) -> String| {
            let d: String = self
                .frames
                .iter()
                .enumerate()
                .map(|(k, frame)| path(frame, k as i32 * cell_w))
                .collect();
            format!(r#"<path class="{class}" d="{d}"/>"#)
        };
        let head = |d: &Drawing, dx: i32| {
            let (x, y, r) = d.head;
            format!(
                "M{} {y}a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 -{} 0",
                x + dx - r,
                2 * r,
                2 * r
            )
        };
        [
            part("figure-band", &|d, dx| shifted(&d.band, dx)),
            part("figure-far", &|d, dx| shifted(&d.far, dx)),
            part("figure-body", &|d, dx| shifted(&d.body, dx)),
            part("figure-head", &head),
            part("figure-working", &|d, dx| shifted(&d.working, dx)),
        ]
        .concat()
    }

    /// The strip's keyframes: when each frame comes (0 to 1 of the loop) and the CSS transform
    /// that shows it; each is held until the next. The last brings back the first frame.
    pub fn keyframes(&self) -> Vec<(f64, String)> {
        let total = f64::from(self.duration_ms.max(1));
        let frames = self.frames.len().max(1) as f64;
        let shift = |frame: usize| match frame {
            0 => "translateX(0)".to_owned(),
            k => format!("translateX(-{}%)", decimal(k as f64 * 100.0 / frames, 4)),
        };
        self.schedule
            .iter()
            .map(|&(at, frame)| (f64::from(at) / total, shift(frame)))
            .chain(std::iter::once((1.0, shift(0))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pose::figure;

    /// The ids of the routine's exercises.
    fn ids() -> Vec<String> {
        crate::core::routine::Routine::bundled()
            .exercises
            .into_iter()
            .map(|e| e.id)
            .collect()
    }

    fn clams() -> FigureLoop {
        figure_loop(figure("clams"), 1_500.0, 10_000.0, 1_500.0)
    }

    /// The frame shown `ms` into the loop.
    fn frame_at(l: &FigureLoop, ms: u32) -> usize {
        l.schedule
            .iter()
            .rev()
            .find(|&&(at, _)| at <= ms % l.duration_ms)
            .map_or(0, |&(_, f)| f)
    }

    #[test]
    fn a_loop_lasts_up_hold_and_down() {
        let l = clams();
        assert_eq!(l.duration_ms, 13_000);
        assert_eq!(l.schedule.first(), Some(&(0, 0)));
        assert!(l.schedule.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(l.schedule.iter().all(|&(_, f)| f < l.frames.len()));
    }

    #[test]
    fn it_rises_holds_at_the_top_and_comes_back_down() {
        let l = clams();
        let top = drawing(&figure("clams").unwrap().pose(Stroke::TOP));
        let start = drawing(&figure("clams").unwrap().pose(Stroke::START));
        assert_eq!(l.frames[frame_at(&l, 0)], start);
        assert_eq!(l.frames[frame_at(&l, 1_500)], top);
        assert_eq!(l.frames[frame_at(&l, 6_000)], top);
        assert_eq!(l.frames[frame_at(&l, 11_499)], top);
        let (rising, lowering) = (frame_at(&l, 750), frame_at(&l, 12_250));
        for moving in [rising, lowering] {
            assert_ne!(l.frames[moving], top);
            assert_ne!(l.frames[moving], start);
        }
        assert_eq!(frame_at(&l, 13_000), frame_at(&l, 0));
    }

    #[test]
    fn frames_change_often_enough_to_look_like_movement() {
        let l = clams();
        for w in l.schedule.windows(2) {
            let gap = w[1].0 - w[0].0;
            assert!(
                gap <= 80 || w[0].1 == frame_at(&l, 1_500),
                "a frame of {gap} ms"
            );
        }
        let flexor = figure_loop(figure("standing-hip-flexor"), 2_000.0, 0.0, 2_000.0);
        assert_eq!(flexor.duration_ms, 4_000);
        assert!(
            flexor.schedule.len() >= 40,
            "{} frames",
            flexor.schedule.len()
        );
        // Straight back down the way it came up: no frame twice in the strip.
        assert!(flexor.frames.len() < flexor.schedule.len());
    }

    #[test]
    fn the_strip_is_every_frame_side_by_side_in_cells_of_the_window_shape() {
        let l = clams();
        let aspect = 1.2;
        let [x, y, w, h] = l.bounds;
        let (cell_w, cell_h) = l.cell(aspect);
        assert!(cell_w >= w && cell_h >= h);
        assert!((f64::from(cell_w) / f64::from(cell_h) - aspect).abs() < 0.01);
        let view_box: Vec<i32> = l
            .view_box(aspect)
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        assert_eq!(view_box[2], cell_w * l.frames.len() as i32);
        assert_eq!(view_box[3], cell_h);
        assert!(view_box[0] <= x && view_box[1] <= y);
        // Frame 2's working leg is frame 2's drawing moved two cells right.
        let markup = l.markup(aspect);
        let working = markup
            .split(r#"<path class="figure-working" d=""#)
            .nth(1)
            .unwrap();
        assert!(working.contains(&shifted(&l.frames[2].working, 2 * cell_w)));
        assert_eq!(markup.matches("<path ").count(), 5);
        let (hx, hy, r) = l.frames[2].head;
        assert!(markup.contains(&format!("M{} {hy}a{r} {r} ", hx + 2 * cell_w - r)));
    }

    #[test]
    fn shifting_moves_x_only() {
        assert_eq!(shifted("M10 20L-5 7", 100), "M110 20L95 7");
        assert_eq!(shifted("", 100), "");
    }

    #[test]
    fn keyframes_run_from_0_to_1_and_end_on_the_first_frame() {
        let l = clams();
        let keys = l.keyframes();
        assert_eq!(keys.first().map(|k| k.0), Some(0.0));
        assert_eq!(keys.last(), Some(&(1.0, "translateX(0)".to_owned())));
        assert!(keys.windows(2).all(|w| w[0].0 < w[1].0));
        let n = l.frames.len() as f64;
        let top = frame_at(&l, 1_500);
        let expected = format!("translateX(-{}%)", decimal(top as f64 * 100.0 / n, 4));
        assert!(
            keys.iter()
                .any(|(at, t)| *t == expected && (*at - 1_500.0 / 13_000.0).abs() < 1e-9)
        );
    }

    #[test]
    fn the_scene_stays_put_through_every_loop() {
        for id in ids() {
            let l = figure_loop(Some(figure(&id).unwrap()), 1_500.0, 2_000.0, 1_500.0);
            assert!(
                l.frames.iter().all(|d| d.scene == l.frames[0].scene),
                "{id}"
            );
            assert!(l.scene_markup().contains(&l.frames[0].scene));
        }
    }

    #[test]
    fn every_figure_loops() {
        for id in ids() {
            let l = figure_loop(Some(figure(&id).unwrap()), 1_500.0, 2_000.0, 1_500.0);
            assert!(l.frames.len() > 10, "{id}");
            assert!(
                l.markup(1.2)
                    .contains(r#"<path class="figure-working" d="M"#),
                "{id}"
            );
        }
    }
}
