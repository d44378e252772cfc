//! A record's form, drawn by the form itself (`tui::form`).

use super::Theme;
use crate::tui::app::App;
use crate::tui::form::RecordForm;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn render(app: &App, form: &RecordForm, f: &mut Frame, area: Rect, theme: &Theme) {
    form.render(f, area, app.lang, theme);
}
