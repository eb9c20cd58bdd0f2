//! Exercise figures on screen: an inline SVG stick figure drawn from `core::pose`. It follows the
//! pacer in the player, loops at the exercise's tempo on the home screen, and stands still in
//! print (or, for people who ask for less motion, shows the start and top side by side). The
//! pose code is not in the first load: home's loops and the still figures are drawn by
//! `#[lazy]` chunks (`drawn_loop`, `still_drawing`), and the player's figure is in its chunk.

use super::use_app;
use crate::browser::{animation, on_screen};
use crate::core::figure_loop::figure_loop;
use crate::core::pose::{self, Stroke, drawing, mirrored};
use crate::core::session::Leg;
use crate::core::text::fill;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// An exercise's figure at a point of its rep.
#[component]
pub fn Figure(
    /// The exercise, by its place in the routine.
    exercise: usize,
    /// How far up the rep is: 0 at the start, 1 at the top.
    #[prop(into)]
    progress: Signal<f64>,
    /// The working leg; the right one is the mirror image of the left.
    #[prop(into)]
    leg: Signal<Leg>,
    /// On the way down (a knee circle comes back another way than it went up).
    #[prop(optional, into)]
    lowering: Signal<bool>,
    /// What the picture shows, for screen readers: by default the exercise's movement.
    #[prop(optional)]
    label: Option<String>,
) -> impl IntoView {
    let app = use_app();
    let exercise = &app.routine().exercises[exercise];
    let figure = pose::figure(&exercise.id);
    let label =
        label.unwrap_or_else(|| fill(app.text().ui.figure, &[("exercise", &exercise.name)]));
    // One string for the drawing: a single DOM update per frame, and little code.
    let picture = Memo::new(move |_| {
        let stroke = Stroke {
            height: progress.get(),
            lowering: lowering.get(),
        };
        let pose = figure.map_or_else(|| pose::pose_at("", 0.0), |f| f.pose(stroke));
        markup(&drawing(&match leg.get() {
            Leg::Left => pose,
            Leg::Right => mirrored(&pose),
        }))
    });
    let view_box = move || view_box(figure, leg.get());
    view! {
        <svg
            class=move || match leg.get() {
                Leg::Left => "figure figure-left",
                Leg::Right => "figure figure-right",
            }
            viewBox=view_box
            role="img"
            aria-label=label
            data-testid="figure"
            data-exercise=exercise.id.clone()
            data-progress=move || crate::core::display::decimal(progress.get().clamp(0.0, 1.0), 2)
            inner_html=picture
        >
        </svg>
    }
}

/// The part of the box the figure uses, cropped to the whole movement (the mirror image's crop
/// for the right leg), as a `viewBox` in tenths of a unit.
fn view_box(figure: Option<&pose::Figure>, leg: Leg) -> String {
    let [x, y, w, h] = figure.map_or([0.0, 0.0, pose::VIEW_W, pose::VIEW_H], |f| f.bounds());
    let x = match leg {
        Leg::Left => x,
        Leg::Right => pose::VIEW_W - x - w,
    };
    let tenths = |v: f64| (v * 10.0).round() as i32;
    format!("{} {} {} {}", tenths(x), tenths(y), tenths(w), tenths(h))
}

/// The drawing as SVG elements, back to front.
fn markup(d: &pose::Drawing) -> String {
    let (x, y, r) = d.head;
    format!(
        concat!(
            r#"<path class="figure-scene" d="{}"/>"#,
            r#"<path class="figure-band" d="{}"/>"#,
            r#"<path class="figure-far" d="{}"/>"#,
            r#"<path class="figure-body" d="{}"/>"#,
            r#"<circle class="figure-head" cx="{}" cy="{}" r="{}"/>"#,
            r#"<path class="figure-working" d="{}"/>"#,
        ),
        d.scene, d.band, d.far, d.body, x, y, r, d.working
    )
}

/// A still figure, left leg, at the start (`progress` 0) or the top (1) of its rep: for print
/// and for people who ask for less motion. Drawn by the figures' chunk (`still_drawing`), so the
/// first load carries no figure code; once the chunk is in, it is drawn at once.
#[component]
pub fn StillFigure(
    /// The exercise, by its place in the routine.
    exercise: usize,
    /// 0 for the start position, 1 for the top.
    progress: f64,
    /// What the picture shows, for screen readers.
    label: String,
) -> impl IntoView {
    let app = use_app();
    let id = app.routine().exercises[exercise].id.clone();
    let drawing = still_drawing(id.clone(), progress);
    Suspend::new(async move {
        let (view_box, markup) = drawing.await;
        view! {
            <svg
                class="figure figure-left"
                viewBox=view_box
                role="img"
                aria-label=label
                data-testid="figure"
                data-exercise=id
                data-progress=crate::core::display::decimal(progress.clamp(0.0, 1.0), 2)
                inner_html=markup
            ></svg>
        }
    })
}

/// An exercise's still figure as its `viewBox` and its SVG elements, from the figures' chunk.
#[lazy]
pub(super) fn still_drawing(id: String, progress: f64) -> (String, String) {
    let figure = pose::figure(&id);
    let pose = figure.map_or_else(
        || pose::pose_at("", 0.0),
        |f| {
            f.pose(Stroke {
                height: progress,
                lowering: false,
            })
        },
    );
    (view_box(figure, Leg::Left), markup(&drawing(&pose)))
}

/// The player's figure: it rises and falls with the pacer, mirrored for the right leg, and
/// stands still while paused (as the session's progress does). It moves with the app's time,
/// which follows every animation frame while the session runs.
#[component]
pub fn PlayerFigure() -> impl IntoView {
    let app = use_app();
    // The exercise's place in the routine (the user's version), found by id: the session's plan
    // has an entry for each set.
    let routine = app.routine();
    let exercise = Memo::new(move |_| {
        app.session.with(|s| {
            s.as_ref()
                .map_or(0, |s| crate::core::display::current_in_routine(routine, s))
        })
    });
    let leg = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().map_or(Leg::Left, |s| s.leg))
    });
    let stroke = Memo::new(move |_| {
        let now = app.now.get();
        app.session
            .with(|s| s.as_ref().map_or(Stroke::START, |s| pose::stroke(s, now)))
    });
    let progress = Signal::derive(move || stroke.get().height);
    let lowering = Signal::derive(move || stroke.get().lowering);
    move || view! { <Figure exercise=exercise.get() progress leg lowering /> }
}

/// The shape of the window a looping figure's film strip moves in (`.figure-loop` in the
/// stylesheet), width over height.
const LOOP_WINDOW_ASPECT: f64 = 6.0 / 5.0;

/// A figure doing reps on a loop at the exercise's tempo, holding at the top as long as the
/// exercise says: a film strip the browser's compositor moves, only while on screen. With
/// reduced motion asked for, the start and top positions side by side.
#[component]
pub fn LoopingFigure(
    /// The exercise, by its place in the routine.
    exercise: usize,
) -> impl IntoView {
    let app = use_app();
    let ui = &app.text().ui;
    let e = &app.routine().exercises[exercise];
    if prefers_reduced_motion() {
        return view! {
            <span class="figure-pair">
                <StillFigure exercise progress=0.0 label=ui.figure_start.to_owned() />
                <StillFigure exercise progress=1.0 label=ui.figure_top.to_owned() />
            </span>
        }
        .into_any();
    }
    // Drawn once per exercise, when it first comes on screen, in a task of its own: home is
    // built and painted without them, and a figure scrolled to costs its own drawing only.
    // Kept by what it shows (the user's version may move an exercise, or change its timing),
    // not by its place.
    let tempo = e.tempo.unwrap_or(app.routine().default_tempo);
    let key: LoopKey = (
        e.id.clone(),
        crate::core::routine::stroke_ms(tempo.up_s),
        e.hold_s.unwrap_or(0) * 1000,
        crate::core::routine::stroke_ms(tempo.down_s),
    );
    let drawn = RwSignal::new_local(drawn_before(&key));
    let window_ref = NodeRef::<leptos::html::Div>::new();
    if drawn.with_untracked(Option::is_none) {
        let draw = move || {
            let key = key.clone();
            leptos::task::spawn_local(async move {
                // The figures' chunk once, then each strip in a task of its own.
                __preload_drawn_loop().await;
                gloo_timers::future::TimeoutFuture::new(0).await;
                let looped = match drawn_before(&key) {
                    Some(looped) => looped,
                    None => {
                        let (id, up, hold, down) = key.clone();
                        let ms = f64::from;
                        let looped = Rc::new(drawn_loop(id, ms(up), ms(hold), ms(down)).await);
                        LOOPS.with_borrow_mut(|loops| loops.push((key, looped.clone())));
                        looped
                    }
                };
                // Home may have gone meanwhile; the drawing is kept for its next visit.
                let _ = drawn.try_set(Some(looped));
            });
        };
        Effect::new(move |_| {
            // After the first paint: home is painted without the figures' chunk.
            let (Some(window), true) = (window_ref.get(), app.painted.get()) else {
                return;
            };
            // Drawn when first on screen, or at once where the browser cannot tell.
            on_screen::when_first_seen(&window, Box::new(draw.clone()));
        });
    }
    let strip_ref = NodeRef::<leptos::svg::Svg>::new();
    Effect::new(move |_| {
        let Some(strip) = strip_ref.get() else { return };
        let Some(looped) = drawn.get_untracked() else {
            return;
        };
        let duration = f64::from(looped.duration_ms);
        let Some(animation) = animation::loop_transforms(&strip, &looped.keyframes, duration)
        else {
            return;
        };
        // Off screen the loop stops, and so does its work.
        if let Some(window) = strip.parent_element() {
            on_screen::watch(&window, move |visible| {
                let _ = if visible {
                    animation.play()
                } else {
                    animation.pause()
                };
            });
        }
    });
    let strips = move || {
        drawn.get().map(|looped| {
            view! {
                <svg
                    class="figure-backdrop"
                    viewBox=looped.scene_view_box.clone()
                    aria-hidden="true"
                    inner_html=looped.scene.clone()
                ></svg>
                <svg
                    node_ref=strip_ref
                    class="figure-strip"
                    viewBox=looped.strip_view_box.clone()
                    preserveAspectRatio="none"
                    style:width=format!("{}%", looped.frames * 100)
                    aria-hidden="true"
                    inner_html=looped.strip.clone()
                ></svg>
            }
        })
    };
    view! {
        <div
            node_ref=window_ref
            class="figure figure-left figure-loop"
            role="img"
            aria-label=fill(ui.figure, &[("exercise", &e.name)])
            data-testid="figure"
            data-exercise=e.id.clone()
            data-loop-ms=move || drawn.with(|d| d.as_ref().map(|d| d.duration_ms))
        >
            {strips}
        </div>
    }
    .into_any()
}

/// A looping figure as the page draws it, made once per exercise: home is built again on each
/// visit, and its ten loops are the same each time.
struct DrawnLoop {
    duration_ms: u32,
    frames: usize,
    keyframes: Vec<(f64, String)>,
    scene_view_box: String,
    scene: String,
    strip_view_box: String,
    strip: String,
}

/// A looping figure's film strip, from the figures' chunk (`#[lazy]`): the pose code stays out
/// of the first load.
#[lazy]
fn drawn_loop(id: String, up_ms: f64, hold_ms: f64, down_ms: f64) -> DrawnLoop {
    let looped = figure_loop(pose::figure(&id), up_ms, hold_ms, down_ms);
    {
        DrawnLoop {
            duration_ms: looped.duration_ms,
            frames: looped.frames.len(),
            keyframes: looped.keyframes(),
            scene_view_box: looped.cell_view_box(LOOP_WINDOW_ASPECT),
            scene: looped.scene_markup(),
            strip_view_box: looped.view_box(LOOP_WINDOW_ASPECT),
            strip: looped.markup(LOOP_WINDOW_ASPECT),
        }
    }
}

/// A film strip's exercise id and its lift, hold and lowering in ms.
type LoopKey = (String, u32, u32, u32);

thread_local! {
    /// Every film strip drawn so far (a few dozen at most: one per exercise and timing).
    static LOOPS: RefCell<Vec<(LoopKey, Rc<DrawnLoop>)>> = RefCell::default();
}

fn drawn_before(key: &LoopKey) -> Option<Rc<DrawnLoop>> {
    LOOPS.with_borrow(|loops| loops.iter().find(|(k, _)| k == key).map(|(_, l)| l.clone()))
}

/// `matchMedia('(prefers-reduced-motion: reduce)')`, read through JS reflection so no extra
/// web-sys feature is needed; false where the browser cannot say.
fn prefers_reduced_motion() -> bool {
    let window: JsValue = window().into();
    let query = "(prefers-reduced-motion: reduce)";
    js_sys::Reflect::get(&window, &"matchMedia".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&window, &query.into()).ok())
        .and_then(|list| js_sys::Reflect::get(&list, &"matches".into()).ok())
        .and_then(|matches| matches.as_bool())
        .unwrap_or(false)
}
