//! Settings: language, counting mode, waits and rests, pace, cue channels, and today's equipment.

use super::use_app;
use crate::browser::persist::{self, Persistence};
use crate::browser::storage;
use crate::core::history_display::size;
use crate::core::language::{self, LANGUAGES};
use crate::core::routine::Equipment;
use crate::core::session::{CountMode, Ms};
use crate::core::settings::{MAX_COUNTDOWN_MS, MAX_REST_MS, SPEECH_RATE};
use crate::core::store::{HISTORY_KEY, STORE_KEY};
use crate::core::text::fill;
use leptos::prelude::*;

/// Steps of the time settings, in seconds.
const TIME_STEP_S: Ms = 5;

/// A labelled on/off switch.
#[component]
fn Toggle(
    /// What it switches.
    label: &'static str,
    /// Its current state.
    #[prop(into)]
    checked: Signal<bool>,
    /// Called with the new state.
    on_change: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="setting toggle">
            <input
                type="checkbox"
                prop:checked=move || checked.get()
                on:change:target=move |e| on_change.run(e.target().checked())
            />
            <span>{label}</span>
        </label>
    }
}

/// A labelled number of seconds with − and + buttons.
#[component]
fn Seconds(
    label: &'static str,
    #[prop(into)] value_ms: Signal<Ms>,
    max_ms: Ms,
    on_change: Callback<Ms>,
) -> impl IntoView {
    let app = use_app();
    let step = TIME_STEP_S * 1000;
    let shown = move || {
        fill(
            app.text().ui.seconds_value,
            &[("s", &(value_ms.get() / 1000))],
        )
    };
    view! {
        <div class="setting seconds" role="group" aria-label=label>
            <span class="setting-label">{label}</span>
            <button
                class="control small"
                aria-label=format!("{label} −")
                disabled=move || value_ms.get() == 0
                on:click=move |_| on_change.run(value_ms.get_untracked().saturating_sub(step))
            >
                "−"
            </button>
            <output class="setting-value">{shown}</output>
            <button
                class="control small"
                aria-label=format!("{label} +")
                disabled=move || { value_ms.get() >= max_ms }
                on:click=move |_| on_change.run((value_ms.get_untracked() + step).min(max_ms))
            >
                "+"
            </button>
        </div>
    }
}

/// The settings panel, a wasm chunk of its own (`#[lazy]`): it sits below the routine, out of
/// the first screen, so home is painted without waiting for it.
#[lazy]
pub fn settings_panel() -> AnyView {
    // Untracked, as a component is built: a `Suspend` reruns its future whenever a signal read
    // in it changes, which would rebuild the screen on every tick.
    untrack(|| SettingsPanel().into_any())
}

#[component]
pub fn SettingsPanel() -> impl IntoView {
    let app = use_app();
    let (text, settings) = (app.text(), app.settings);
    let ui = &text.ui;
    let read = move |f: fn(&crate::core::settings::Settings) -> bool| {
        Signal::derive(move || settings.with(f))
    };
    let has = move |item: Equipment| {
        Signal::derive(move || settings.with(|s| !s.session.missing_equipment.contains(&item)))
    };
    let set_has = move |item: Equipment| {
        Callback::new(move |on: bool| {
            app.update_settings(|s| {
                s.session.missing_equipment.retain(|e| *e != item);
                if !on {
                    s.session.missing_equipment.push(item);
                }
            })
        })
    };
    let mode_button = move |mode: CountMode, label: &'static str| {
        view! {
            <button
                class="control"
                class:selected=move || settings.with(|s| s.session.mode == mode)
                aria-pressed=move || settings.with(|s| s.session.mode == mode).to_string()
                on:click=move |_| app.update_settings(|s| s.session.mode = mode)
            >
                {label}
            </button>
        }
    };
    let pace = move || {
        let factor = settings.with(|s| s.session.pace_factor);
        let up = app.routine().default_tempo.up_s * factor;
        fill(ui.pace_value, &[("n", &text.decimal(up, 1))])
    };
    let change_pace = move |delta: f64| {
        app.update_settings(|s| {
            s.session.pace_factor = ((s.session.pace_factor + delta) * 10.0).round() / 10.0
        })
    };
    view! {
        <section class="settings" aria-labelledby="settings-title">
            <h2 id="settings-title">{ui.settings}</h2>
            <LanguageChoice />
            <div class="setting" role="group" aria-label=ui.count_mode>
                <span class="setting-label">{ui.count_mode}</span>
                {mode_button(CountMode::Guided, ui.mode_guided)}
                {mode_button(CountMode::Tap, ui.mode_tap)}
            </div>
            <fieldset class="setting equipment">
                <legend class="setting-label">{ui.equipment_have}</legend>
                <Toggle
                    label=text.equipment(Equipment::Band)
                    checked=has(Equipment::Band)
                    on_change=set_has(Equipment::Band)
                />
                <Toggle
                    label=text.equipment(Equipment::Step)
                    checked=has(Equipment::Step)
                    on_change=set_has(Equipment::Step)
                />
            </fieldset>
            <Toggle
                label=ui.wait_for_me
                checked=read(|s| s.session.wait_for_me)
                on_change=Callback::new(move |on| app.update_settings(|s| s.session.wait_for_me = on))
            />
            <Seconds
                label=ui.get_ready_time
                value_ms=Signal::derive(move || settings.with(|s| s.session.get_ready_ms))
                max_ms=MAX_COUNTDOWN_MS
                on_change=Callback::new(move |ms| app.update_settings(|s| s.session.get_ready_ms = ms))
            />
            <Seconds
                label=ui.rest_legs
                value_ms=Signal::derive(move || settings.with(|s| s.session.rest_between_legs_ms))
                max_ms=MAX_REST_MS
                on_change=Callback::new(move |ms| {
                    app.update_settings(|s| s.session.rest_between_legs_ms = ms)
                })
            />
            <Seconds
                label=ui.rest_exercises
                value_ms=Signal::derive(move || settings.with(|s| s.session.rest_between_exercises_ms))
                max_ms=MAX_REST_MS
                on_change=Callback::new(move |ms| {
                    app.update_settings(|s| s.session.rest_between_exercises_ms = ms)
                })
            />
            <div class="setting" role="group" aria-label=ui.pace>
                <span class="setting-label">{ui.pace}</span>
                <button class="control small" on:click=move |_| change_pace(0.1)>
                    {ui.pace_slower}
                </button>
                <output class="setting-value">{pace}</output>
                <button class="control small" on:click=move |_| change_pace(-0.1)>
                    {ui.pace_faster}
                </button>
            </div>
            <Toggle
                label=ui.sound
                checked=read(|s| s.sound)
                on_change=Callback::new(move |on| app.update_settings(|s| s.sound = on))
            />
            <label class="setting volume">
                <span class="setting-label">{ui.volume}</span>
                <input
                    type="range"
                    min="0"
                    max="100"
                    prop:value=move || ((settings.with(|s| s.volume) * 100.0).round() as u32).to_string()
                    on:change:target=move |e| {
                        if let Ok(v) = e.target().value().parse::<u32>() {
                            app.update_settings(|s| s.volume = v as f32 / 100.0);
                        }
                    }
                />
            </label>
            <Toggle
                label=ui.voice
                checked=read(|s| s.voice)
                on_change=Callback::new(move |on| app.update_settings(|s| s.voice = on))
            />
            <SpeechChoices />
            <Toggle
                label=ui.vibration
                checked=read(|s| s.vibration)
                on_change=Callback::new(move |on| app.update_settings(|s| s.vibration = on))
            />
            <Toggle
                label=ui.flash
                checked=read(|s| s.flash)
                on_change=Callback::new(move |on| app.update_settings(|s| s.flash = on))
            />
            <StorageInfo />
        </section>
    }
}

/// The language: the browser's (named), or one chosen from those Bia has, each in its own name.
#[component]
fn LanguageChoice() -> impl IntoView {
    let app = use_app();
    let ui = &app.text().ui;
    let browser = app
        .browser_languages
        .with_untracked(|tags| language::from_browser(tags));
    // `selected` on the options: a `value` set on the select before they exist would be lost.
    let chosen = move |code: &str| app.settings.with(|s| s.language.as_deref() == Some(code));
    let options = LANGUAGES
        .iter()
        .map(|&(code, name)| {
            view! { <option value=code lang=code prop:selected=move || chosen(code)>{name}</option> }
        })
        .collect_view();
    view! {
        <label class="setting choice">
            <span class="setting-label">{ui.language}</span>
            <select
                data-testid="language"
                on:change:target=move |e| {
                    let code = e.target().value();
                    app.update_settings(|s| s.language = (!code.is_empty()).then_some(code));
                }
            >
                <option value="" prop:selected=move || app.settings.with(|s| s.language.is_none())>
                    {fill(ui.language_automatic, &[("language", &language::name(browser))])}
                </option>
                {options}
            </select>
        </label>
    }
}

/// The voice cues are spoken with (of those for the language) and how fast.
#[component]
fn SpeechChoices() -> impl IntoView {
    let app = use_app();
    let text = app.text();
    let ui = &text.ui;
    let settings = app.settings;
    let voices = move || {
        app.voices.with(|voices| {
            language::voices_for(voices, text.language)
                .into_iter()
                .map(|v| v.name.clone())
                .collect::<Vec<_>>()
        })
    };
    let chosen = move |name: &str| settings.with(|s| s.voice_name.as_deref() == Some(name));
    let rate = move || {
        let rate = f64::from(settings.with(|s| s.speech_rate));
        fill(ui.speech_rate_value, &[("n", &text.decimal(rate, 1))])
    };
    let change_rate = move |delta: f32| {
        app.update_settings(|s| s.speech_rate = ((s.speech_rate + delta) * 10.0).round() / 10.0);
    };
    let (slowest, fastest) = SPEECH_RATE;
    view! {
        <Show when=move || !voices().is_empty()>
            <label class="setting choice">
                <span class="setting-label">{ui.voice_name}</span>
                <select
                    data-testid="voice"
                    on:change:target=move |e| {
                        let name = e.target().value();
                        app.update_settings(|s| s.voice_name = (!name.is_empty()).then_some(name));
                    }
                >
                    <option value="" prop:selected=move || settings.with(|s| s.voice_name.is_none())>
                        {ui.voice_default}
                    </option>
                    <For each=voices key=|name| name.clone() let(name)>
                        <option value=name.clone() prop:selected={
                            let name = name.clone();
                            move || chosen(&name)
                        }>{name.clone()}</option>
                    </For>
                </select>
            </label>
        </Show>
        <div class="setting" role="group" aria-label=ui.speech_rate>
            <span class="setting-label">{ui.speech_rate}</span>
            <button
                class="control small"
                disabled=move || settings.with(|s| s.speech_rate <= slowest)
                on:click=move |_| change_rate(-0.1)
            >
                {ui.pace_slower}
            </button>
            <output class="setting-value" data-testid="speech-rate">{rate}</output>
            <button
                class="control small"
                disabled=move || settings.with(|s| s.speech_rate >= fastest)
                on:click=move |_| change_rate(0.1)
            >
                {ui.pace_faster}
            </button>
        </div>
    }
}

/// Whether the browser keeps Bia's data, and the space it takes.
#[component]
fn StorageInfo() -> impl IntoView {
    let app = use_app();
    let text = app.text();
    let ui = &text.ui;
    let persistence = persist::use_persistence();
    let used = RwSignal::new(None::<f64>);
    leptos::task::spawn_local(async move {
        if let Some(bytes) = persist::usage().await {
            used.try_set(Some(bytes));
        }
    });
    let kept = move || match persistence.get() {
        Persistence::Asking => "",
        Persistence::Persistent => ui.storage_persistent,
        Persistence::BestEffort => ui.storage_not_persistent,
        Persistence::Unknown => ui.storage_unknown,
    };
    // What this app wrote, as the browser counts it (the estimate leaves localStorage out).
    let written = [STORE_KEY, HISTORY_KEY]
        .into_iter()
        .filter_map(|key| storage::read(key).ok().flatten())
        .map(|value| value.len())
        .reduce(|a, b| a + b);
    let data = written.map(|bytes| fill(ui.storage_data, &[("size", &size(text, bytes as f64))]));
    let space = move || {
        used.get()
            .map(|bytes| fill(ui.storage_used, &[("used", &size(text, bytes))]))
    };
    view! {
        <div class="setting storage" role="group" aria-labelledby="storage-title">
            <span class="setting-label" id="storage-title">
                {ui.storage_title}
            </span>
            <span class="storage-kept" data-testid="storage-persistence">{kept}</span>
            <span class="storage-space" data-testid="storage-space">
                {data.map(|d| view! { <span>{d}</span> })}
                <span>{space}</span>
            </span>
        </div>
    }
}
