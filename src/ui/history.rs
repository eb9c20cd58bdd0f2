//! The history screen: streaks, a calendar of sessions, reps over time, export and import.

use super::{Screen, use_app};
use leptos::prelude::*;

#[component]
pub fn HistoryScreen() -> impl IntoView {
    let app = use_app();
    view! {
        <section class="history">
            <button class="big-button" on:click=move |_| app.screen.set(Screen::Home)>
                {app.text.ui.home.clone()}
            </button>
        </section>
    }
}
