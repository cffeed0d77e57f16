//! The desktop app (egui only): views are functions of [`AppState`]; user actions become
//! [`Command`]s applied after layout. No business logic lives here: it calls `store`,
//! `annotate`, `compare` and `export`.

mod actions;
pub mod command;
mod compare_view;
mod dialogs;
pub mod file_dialog;
mod files;
pub mod jobs;
mod layout;
mod panels;
mod reader;
pub mod rows;
mod sessions;
pub mod state;

pub use command::Command;
pub use state::{Active, Settings};

use crate::annotate::{Autosave, Filter};
use crate::store::{DocumentId, Store};
use egui::{Key, Modifiers, Panel, Ui};
use jobs::CompareId;
use rustc_hash::FxHashMap;
use state::{CompareSession, Dialog, Drafts, Message, OpenDocument};
use std::path::PathBuf;

/// The built-in sample draft (Russian, fictional), embedded in the binary.
pub const SAMPLE_DRAFT: &[u8] = include_bytes!("../../assets/samples/draft.md");
/// Its Rev.1.
pub const SAMPLE_REV1: &[u8] = include_bytes!("../../assets/samples/draft-rev1.md");
/// Arrows, shapes and symbols missing from egui's bundled font (a DejaVu Sans subset).
const SYMBOLS_FONT: &[u8] = include_bytes!("../../assets/fonts/gloss-symbols.ttf");
/// The folder, file and button icons of the in-app file dialog (a Symbola subset).
const ICONS_FONT: &[u8] = include_bytes!("../../assets/fonts/gloss-icons.ttf");

/// egui's fonts plus the symbols font as a fallback for every family.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert("gloss-symbols".to_owned(), std::sync::Arc::new(egui::FontData::from_static(SYMBOLS_FONT)));
    fonts.font_data.insert("gloss-icons".to_owned(), std::sync::Arc::new(egui::FontData::from_static(ICONS_FONT)));
    for family in fonts.families.values_mut() {
        family.push("gloss-symbols".to_owned());
        family.push("gloss-icons".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Everything the window shows and edits.
#[derive(Debug, Default)]
pub struct AppState {
    /// Persisted settings.
    pub settings: Settings,
    /// The open documents, by id (the source of truth for documents).
    pub store: Store,
    /// Per open document: its annotations and view state.
    pub docs: FxHashMap<DocumentId, OpenDocument>,
    /// Open comparisons, in tab order.
    pub compares: Vec<CompareSession>,
    /// What the central area shows.
    pub active: Option<Active>,
    /// Messages shown in the window.
    pub messages: Vec<Message>,
    /// The open dialog.
    pub dialog: Option<Dialog>,
    /// Annotation list filters.
    pub filter: Filter,
    /// Text being typed.
    pub drafts: Drafts,
    /// Background work.
    pub jobs: jobs::Jobs,
    /// Commands collected during layout.
    pub pending: Vec<Command>,
    /// Where unsaved annotations are kept (none in tests or when unavailable).
    pub autosave: Option<Autosave>,
    /// The user confirmed closing without saving.
    pub allow_close: bool,
    /// Gloss's own file dialog, when open.
    pub file_dialog: Option<file_dialog::InAppDialog>,
    /// The system file dialog could not be shown: use Gloss's own.
    native_dialog_failed: bool,
    /// An annotation file made on another document, waiting for the user's answer.
    foreign_file: Option<(DocumentId, PathBuf, crate::annotate::AnnotationSet)>,
    /// An annotation waiting for the author's name: the document and the tags.
    awaiting_author: Option<(DocumentId, Vec<String>)>,
    /// The user chose to give a name later: annotate under the fallback name meanwhile.
    author_deferred: bool,
    /// The last pair compared (offered again by "Compare…").
    last_compared: Option<(DocumentId, DocumentId)>,
    /// Files given on the command line to compare once both are read.
    compare_paths: Option<(PathBuf, PathBuf)>,
    /// Annotation files given on the command line, for the document read from the path.
    annotations_after_open: Option<(PathBuf, Vec<PathBuf>)>,
    next_compare: CompareId,
    last_title: String,
    applied_dark: Option<bool>,
    fonts_installed: bool,
}

impl AppState {
    /// A state with the built-in samples open and compared.
    pub fn with_samples() -> Self {
        let mut state = Self::default();
        state.open_samples();
        state
    }

    /// Opens the embedded draft and Rev.1 and compares them.
    pub fn open_samples(&mut self) {
        let read = |name: &str, bytes: &[u8]| crate::ingest::document_from_bytes(name, bytes, Default::default());
        match (read("draft.md", SAMPLE_DRAFT), read("draft-rev1.md", SAMPLE_REV1)) {
            (Ok(draft), Ok(rev1)) => {
                let old = self.add_document(draft, None);
                let new = self.add_document(rev1, None);
                self.compare_now(old, new);
            }
            (Err(e), _) | (_, Err(e)) => self.error(format!("The built-in samples could not be read: {e}")),
        }
    }

    /// The open document at a tab position (documents in the order they were opened).
    pub fn doc_at(&self, position: usize) -> Option<&OpenDocument> {
        self.store.ids().get(position).and_then(|id| self.docs.get(id))
    }

    /// The id of the document at a tab position.
    pub fn doc_id_at(&self, position: usize) -> Option<DocumentId> {
        self.store.ids().get(position).cloned()
    }

    /// The pair offered when choosing what to compare: the last pair compared if both are still
    /// open, else the two most recently opened documents.
    pub fn compare_choice(&self) -> (DocumentId, DocumentId) {
        if let Some((old, new)) = &self.last_compared
            && self.docs.contains_key(old)
            && self.docs.contains_key(new)
        {
            return (old.clone(), new.clone());
        }
        let ids = self.store.ids();
        let n = ids.len();
        match n {
            0 => (DocumentId::default(), DocumentId::default()),
            1 => (ids[0].clone(), ids[0].clone()),
            _ => (ids[n - 2].clone(), ids[n - 1].clone()),
        }
    }

    /// The first comparison session, if any.
    pub fn first_compare(&self) -> Option<&CompareSession> {
        self.compares.first()
    }

    /// Waits for running jobs (at most ten seconds) and applies their results: for tests and
    /// for code that must see a result before going on.
    pub fn finish_jobs(&mut self) {
        for outcome in self.jobs.wait_all(std::time::Duration::from_secs(10)) {
            self.finish(outcome);
        }
    }

    /// Any document with unsaved annotations.
    pub fn has_unsaved(&self) -> bool {
        self.docs.values().any(OpenDocument::dirty)
    }

    /// What the central area shows: the chosen view if it still exists, else a comparison,
    /// else the first document.
    fn current(&self) -> Option<Active> {
        match &self.active {
            Some(Active::Compare(id)) if self.session(*id).is_some() => return self.active.clone(),
            Some(Active::Reader(doc)) if self.docs.contains_key(doc) => return self.active.clone(),
            _ => {}
        }
        if let Some(c) = self.compares.first() {
            return Some(Active::Compare(c.id));
        }
        self.store.ids().first().map(|id| Active::Reader(id.clone()))
    }
}

/// Draws the whole app into `ui`, then applies what the user did.
pub fn app_ui(ui: &mut Ui, state: &mut AppState) {
    let ctx = ui.ctx().clone();
    if !state.fonts_installed {
        install_fonts(&ctx);
        state.fonts_installed = true;
    }
    if state.applied_dark != Some(state.settings.dark) {
        ctx.set_visuals(if state.settings.dark { egui::Visuals::dark() } else { egui::Visuals::light() });
        state.applied_dark = Some(state.settings.dark);
    }
    handle_close_request(&ctx, state);
    handle_dropped_files(&ctx, state);
    let mut commands: Vec<Command> = Vec::new();
    shortcuts(&ctx, state, &mut commands);
    let style = layout::ReadingStyle::new(state.settings.dark);
    let active = state.current();

    Panel::top("menu").show(ui, |ui| menu_bar_ui(ui, state, active.as_ref(), &mut commands));
    if !state.messages.is_empty() {
        Panel::bottom("messages").show(ui, |ui| messages_ui(ui, &state.messages, &mut commands));
    }
    match active {
        Some(Active::Reader(id)) => reader_area_ui(ui, state, &id, &style, &mut commands),
        Some(Active::Compare(id)) => {
            if let Some(session) = state.compares.iter_mut().find(|c| c.id == id) {
                let (docs, store) = (&state.docs, &state.store);
                egui::CentralPanel::default().show(ui, |ui| compare_view::compare_ui(ui, session, store, docs, &style, &mut commands));
            }
        }
        None => {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("No document open");
                ui.label("Open a draft (File → Open…, or drop a file on the window), or the built-in samples.");
                if ui.button("Open the samples").clicked() {
                    state.open_samples();
                }
            });
        }
    }
    dialogs::dialogs_ui(&ctx, state, &mut commands);
    if let Some(dialog) = state.file_dialog.as_mut() {
        let (open, chosen) = dialog.show(&ctx);
        if let Some(command) = chosen.and_then(|paths| file_dialog::command_for(dialog.purpose().clone(), paths)) {
            commands.push(command);
        }
        if !open {
            state.file_dialog = None;
        }
    }
    if !commands.is_empty() || !state.pending.is_empty() {
        // The state changed after layout: draw it again at once.
        ctx.request_repaint();
    }
    state.pending.extend(commands);
    state.apply_pending(&ctx);
    update_title(&ctx, state);
    if !state.jobs.running.is_empty() {
        ctx.request_repaint_after(std::time::Duration::from_millis(50));
    }
}

/// The reader with its side panels.
fn reader_area_ui(ui: &mut Ui, state: &mut AppState, id: &DocumentId, style: &layout::ReadingStyle, commands: &mut Vec<Command>) {
    let Some(doc) = state.docs.get_mut(id) else { return };
    // Narrow windows (or large zoom) fold the side panels away so the text keeps its room.
    let width = ui.available_width();
    if state.settings.show_outline && width >= 900.0 {
        Panel::left("outline").resizable(true).default_size(240.0).show(ui, |ui| panels::outline_ui(ui, id, doc, commands));
    }
    doc.list.refresh(&doc.annotations, &state.filter);
    doc.view.filter_highlights = state.settings.filter_highlights;
    if state.settings.show_annotations && width >= 640.0 {
        let (filter, in_text) = (&mut state.filter, &mut state.settings.filter_highlights);
        Panel::right("annotations")
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| panels::annotations_ui(ui, id, doc, filter, in_text, commands));
    }
    egui::CentralPanel::default().show(ui, |ui| reader::reader_ui(ui, id, doc, style, commands));
}

fn menu_bar_ui(ui: &mut Ui, state: &AppState, active: Option<&Active>, commands: &mut Vec<Command>) {
    let doc = state.active_doc();
    ui.horizontal_wrapped(|ui| {
        file_menu_ui(ui, state, doc.as_ref(), commands);
        edit_menu_ui(ui, state, doc.as_ref(), commands);
        view_menu_ui(ui, state, commands);
        help_menu_ui(ui);
        ui.separator();
        tabs_ui(ui, state, active, commands);
        if let Some(Active::Reader(doc)) = active
            && let Some(word) = state.docs.get(doc).and_then(|d| d.word.as_ref())
        {
            if word.before.is_some() && ui.button("Compare tracked changes").clicked() {
                commands.push(Command::CompareTracked(doc.clone()));
            }
            if !word.comments.is_empty()
                && !word.comments_imported
                && ui.button(format!("Import Word comments ({})", word.comments.len())).clicked()
            {
                commands.push(Command::ImportWordComments(doc.clone()));
            }
        }
        for (id, job) in &state.jobs.running {
            ui.spinner();
            match state.jobs.progress_of(*id) {
                Some((done, total)) => ui.label(format!("{job}: page {done} of {total}")),
                None => ui.label(job),
            };
        }
    });
}

fn file_menu_ui(ui: &mut Ui, state: &AppState, doc: Option<&DocumentId>, commands: &mut Vec<Command>) {
    ui.menu_button("File", |ui| {
        if ui.button("Open document…").clicked() {
            commands.push(Command::Pick(jobs::Purpose::Open));
        }
        if let Some(doc) = doc {
            if ui.button("Open annotations…").clicked() {
                commands.push(Command::Pick(jobs::Purpose::OpenAnnotations(doc.clone())));
            }
            if ui.button("Save annotations (Ctrl+S)").clicked() {
                commands.push(Command::Save { doc: doc.clone() });
            }
            if ui.button("Save annotations as…").clicked() {
                commands.push(Command::Pick(jobs::Purpose::SaveAnnotations(doc.clone())));
            }
            if ui.button("Merge a colleague's file…").clicked() {
                commands.push(Command::Pick(jobs::Purpose::Merge(doc.clone())));
            }
            if ui.button("Export position table…").clicked() {
                commands.push(Command::Pick(jobs::Purpose::ExportTable(doc.clone())));
            }
            if ui.button("Export annotated document…").clicked() {
                commands.push(Command::Pick(jobs::Purpose::ExportAnnotated(doc.clone())));
            }
            if ui.button("Export compilation…").clicked() {
                commands.push(Command::Pick(jobs::Purpose::ExportCompilation(doc.clone())));
            }
        }
        if !state.settings.recent.is_empty() {
            ui.separator();
            ui.label("Recent");
            for path in &state.settings.recent {
                if ui.button(path.display().to_string()).clicked() {
                    commands.push(Command::OpenPaths(vec![path.clone()]));
                }
            }
        }
    });
}

fn edit_menu_ui(ui: &mut Ui, state: &AppState, doc: Option<&DocumentId>, commands: &mut Vec<Command>) {
    let Some((doc, open)) = doc.and_then(|d| Some((d, state.docs.get(d)?))) else { return };
    ui.menu_button("Edit", |ui| {
        let history = open.annotations.history();
        let undo = history.next_undo().map_or_else(|| "Undo".to_string(), |s| format!("Undo {} (Ctrl+Z)", s.describe()));
        if ui.add_enabled(history.next_undo().is_some(), egui::Button::new(undo)).clicked() {
            commands.push(Command::Undo { doc: doc.clone() });
        }
        let redo = history.next_redo().map_or_else(|| "Redo".to_string(), |s| format!("Redo {} (Ctrl+Shift+Z)", s.describe()));
        if ui.add_enabled(history.next_redo().is_some(), egui::Button::new(redo)).clicked() {
            commands.push(Command::Redo { doc: doc.clone() });
        }
    });
}

/// Keyboard shortcuts, as the README's table lists them.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+F", "find; in a comparison, in both versions (Enter / Shift+Enter: next / previous)"),
    ("Ctrl+G", "go to paragraph, also in a comparison (Enter again: the next with that number)"),
    ("1–9", "tag the selected passage"),
    ("double / triple click", "select a word / the paragraph; Shift+click extends"),
    ("Ctrl+S", "save annotations"),
    ("Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y", "undo, redo"),
    ("Ctrl+W", "close the document or comparison shown"),
    ("↑ ↓ PgUp PgDn Home End", "scroll"),
    ("Ctrl+= Ctrl+- Ctrl+0", "zoom in, out, reset"),
    ("n / F7, p / Shift+F7", "next, previous change (comparison)"),
    ("Esc", "clear the selection, close find"),
];

fn help_menu_ui(ui: &mut Ui) {
    ui.menu_button("Help", |ui| {
        ui.strong("Keyboard");
        egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
            for (keys, action) in SHORTCUTS {
                ui.monospace(*keys);
                ui.label(*action);
                ui.end_row();
            }
        });
    });
}

fn view_menu_ui(ui: &mut Ui, state: &AppState, commands: &mut Vec<Command>) {
    ui.menu_button("View", |ui| {
        if ui.button(if state.settings.dark { "Light theme" } else { "Dark theme" }).clicked() {
            commands.push(Command::SetDark(!state.settings.dark));
        }
        let mut outline = state.settings.show_outline;
        if ui.checkbox(&mut outline, "Outline").changed() {
            commands.push(Command::ShowPanels { outline, annotations: state.settings.show_annotations });
        }
        let mut annotations = state.settings.show_annotations;
        if ui.checkbox(&mut annotations, "Annotations panel").changed() {
            commands.push(Command::ShowPanels { outline: state.settings.show_outline, annotations });
        }
        let mut own = state.settings.in_app_file_dialog;
        if ui.checkbox(&mut own, "Gloss's own file dialog").on_hover_text("Instead of the system's").changed() {
            commands.push(Command::SetInAppFileDialog(own));
        }
        if ui.button("Author name…").clicked() {
            commands.push(Command::Dialog(Some(Dialog::Author)));
        }
    });
}

/// One tab per document and per comparison; "Compare…" compares the two most recent documents.
fn tabs_ui(ui: &mut Ui, state: &AppState, active: Option<&Active>, commands: &mut Vec<Command>) {
    for id in state.store.ids() {
        let Some(d) = state.docs.get(id) else { continue };
        let name = if d.dirty() { format!("{} •", d.name()) } else { d.name() };
        let shown = Active::Reader(id.clone());
        let tab = ui.selectable_label(active == Some(&shown), name);
        if tab.clicked() {
            commands.push(Command::Show(shown));
        }
        if tab.middle_clicked() || ui.small_button("×").on_hover_text(format!("Close {}", d.name())).clicked() {
            commands.push(Command::CloseDocument(id.clone()));
        }
    }
    for session in &state.compares {
        let name = |id: &DocumentId| state.docs.get(id).map(OpenDocument::name).unwrap_or_default();
        let shown = Active::Compare(session.id);
        let title =
            if state.compares.len() == 1 { "Compare".to_string() } else { format!("{} → {}", name(&session.old), name(&session.new)) };
        let tab =
            ui.selectable_label(active == Some(&shown), title).on_hover_text(format!("{} → {}", name(&session.old), name(&session.new)));
        if tab.clicked() {
            commands.push(Command::Show(shown));
        }
        if tab.middle_clicked() || ui.small_button("×").on_hover_text("Close this comparison").clicked() {
            commands.push(Command::CloseCompare(session.id));
        }
    }
    if state.store.len() >= 2 && ui.button("Compare…").on_hover_text("Choose two versions to compare").clicked() {
        let (old, new) = state.compare_choice();
        commands.push(Command::Dialog(Some(Dialog::ChooseCompare { old: Some(old), new: Some(new) })));
    }
}

fn messages_ui(ui: &mut Ui, messages: &[Message], commands: &mut Vec<Command>) {
    for (i, message) in messages.iter().enumerate() {
        ui.horizontal(|ui| {
            let colour = if message.is_error { egui::Color32::from_rgb(200, 40, 40) } else { ui.visuals().text_color() };
            ui.label(egui::RichText::new(if message.is_error { "⚠" } else { "ℹ" }).color(colour));
            ui.label(egui::RichText::new(&message.text).color(colour));
            if ui.small_button("Dismiss").clicked() {
                commands.push(Command::Dismiss(i));
            }
        });
    }
}

/// Shortcuts that work in every view (when no text field has the keyboard, which has its own).
fn shortcuts(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    if ctx.egui_wants_keyboard_input() || state.dialog.is_some() {
        return;
    }
    if let Some(view) = state.current() {
        ctx.input_mut(|i| {
            for key in [Key::ArrowUp, Key::ArrowDown, Key::PageUp, Key::PageDown, Key::Home, Key::End] {
                if i.consume_key(Modifiers::NONE, key)
                    && let Some(step) = rows::ScrollStep::of_key(key)
                {
                    commands.push(Command::Scroll { view: view.clone(), step });
                }
            }
        });
    }
    if let Some(view) = state.current()
        && ctx.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::W))
    {
        commands.push(match view {
            Active::Reader(doc) => Command::CloseDocument(doc),
            Active::Compare(id) => Command::CloseCompare(id),
        });
    }
    let Some(doc) = state.active_doc() else { return };
    ctx.input_mut(|i| {
        let shift_command = Modifiers::COMMAND | Modifiers::SHIFT;
        if i.consume_key(shift_command, Key::Z) || i.consume_key(Modifiers::COMMAND, Key::Y) {
            commands.push(Command::Redo { doc: doc.clone() });
        } else if i.consume_key(Modifiers::COMMAND, Key::Z) {
            commands.push(Command::Undo { doc: doc.clone() });
        }
    });
}

fn handle_close_request(ctx: &egui::Context, state: &mut AppState) {
    if ctx.input(|i| i.viewport().close_requested()) && state.has_unsaved() && !state.allow_close {
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        state.dialog = Some(Dialog::ConfirmClose);
    }
}

fn handle_dropped_files(ctx: &egui::Context, state: &mut AppState) {
    let dropped: Vec<PathBuf> =
        ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()).collect());
    if !dropped.is_empty() {
        state.pending.push(Command::OpenPaths(dropped));
    }
}

fn update_title(ctx: &egui::Context, state: &mut AppState) {
    let name = match state.current() {
        Some(Active::Compare(_)) => "Compare".to_string(),
        Some(Active::Reader(id)) => state.docs.get(&id).map(OpenDocument::name).unwrap_or_default(),
        None => String::new(),
    };
    let title = format!("{}{name} — Gloss", if state.has_unsaved() { "● " } else { "" });
    if title != state.last_title {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        state.last_title = title;
    }
}

/// The eframe application.
pub struct GlossApp {
    state: AppState,
}

impl GlossApp {
    /// Creates the app: settings from storage, the given files (or the samples).
    pub fn new(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>, compare: Option<(PathBuf, PathBuf)>) -> Self {
        let mut state = AppState::default();
        if let Some(storage) = cc.storage {
            state.settings = eframe::get_value(storage, "gloss-settings").unwrap_or_default();
        }
        state.autosave = directories::ProjectDirs::from("org", "Gloss", "Gloss").map(|d| Autosave::new(d.data_dir().join("autosave")));
        match compare {
            Some((old, new)) => {
                state.compare_paths = Some((old.clone(), new.clone()));
                state.pending.push(Command::OpenPaths(vec![old, new]));
            }
            None if files.is_empty() => state.open_samples(),
            None => {
                // Documents first; annotation files then go to the last document read.
                let (annotations, documents): (Vec<PathBuf>, Vec<PathBuf>) =
                    files.into_iter().partition(|p| crate::annotate::is_annotation_file(p));
                let last = documents.last().cloned();
                state.pending.push(Command::OpenPaths(documents));
                state.annotations_after_open = last.map(|last| (last, annotations));
            }
        }
        Self { state }
    }
}

impl eframe::App for GlossApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        app_ui(ui, &mut self.state);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, "gloss-settings", &self.state.settings);
    }
}

/// Opens the window.
pub fn run(files: Vec<PathBuf>, compare: Option<(PathBuf, PathBuf)>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([640.0, 400.0])
            .with_title("Gloss")
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native("Gloss", options, Box::new(move |cc| Ok(Box::new(GlossApp::new(cc, files, compare)))))
}
