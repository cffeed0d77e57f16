//! The desktop app (egui only): views are functions of [`AppState`]; user actions become
//! [`Command`]s applied after layout. No business logic lives here: it calls `store`,
//! `annotate`, `compare` and `export`.

pub mod command;
mod compare_view;
pub mod jobs;
mod layout;
mod panels;
mod reader;
pub mod state;

pub use command::Command;
pub use state::{Active, Settings};

use egui::{Panel, Ui};
use state::{AnnotationFilter, CompareSession, Dialog, Drafts, Message, OpenDocument};
use std::path::PathBuf;

/// The built-in sample draft (Russian, fictional), embedded in the binary.
pub const SAMPLE_DRAFT: &[u8] = include_bytes!("../../assets/samples/draft.md");
/// Its Rev.1.
pub const SAMPLE_REV1: &[u8] = include_bytes!("../../assets/samples/draft-rev1.md");
/// Arrows, shapes and symbols missing from egui's bundled font (a DejaVu Sans subset).
const SYMBOLS_FONT: &[u8] = include_bytes!("../../assets/fonts/gloss-symbols.ttf");

/// egui's fonts plus the symbols font as a fallback for every family.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert("gloss-symbols".to_owned(), std::sync::Arc::new(egui::FontData::from_static(SYMBOLS_FONT)));
    for family in fonts.families.values_mut() {
        family.push("gloss-symbols".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Everything the window shows and edits.
#[derive(Debug, Default)]
pub struct AppState {
    /// Persisted settings.
    pub settings: Settings,
    /// Open documents.
    pub docs: Vec<OpenDocument>,
    /// What the central area shows.
    pub active: Option<Active>,
    /// The comparison, once made.
    pub compare: Option<CompareSession>,
    /// Messages shown in the window.
    pub messages: Vec<Message>,
    /// The open dialog.
    pub dialog: Option<Dialog>,
    /// Annotation list filters.
    pub filter: AnnotationFilter,
    /// Text being typed.
    pub drafts: Drafts,
    /// Background work.
    pub jobs: jobs::Jobs,
    /// Commands collected during layout.
    pub pending: Vec<Command>,
    /// Folder for autosaves (none in tests or when unavailable).
    pub autosave_dir: Option<PathBuf>,
    /// When the last autosave ran.
    pub last_autosave: Option<std::time::Instant>,
    /// The user confirmed closing without saving.
    pub allow_close: bool,
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
                let alignment = crate::compare::compare(&self.docs[old].document, &self.docs[new].document);
                self.install_compare(old, new, alignment);
            }
            (Err(e), _) | (_, Err(e)) => self.error(format!("The built-in samples could not be read: {e}")),
        }
    }

    /// Opens a document now (used for files given on the command line before the first frame).
    pub fn open_now(&mut self, path: PathBuf) -> Option<usize> {
        if jobs::is_word_file(&path) {
            return match crate::ingest::read_word_file(&path) {
                Ok(word) => {
                    let doc = self.add_word_file(word, path);
                    self.active = Some(Active::Reader(doc));
                    Some(doc)
                }
                Err(e) => {
                    self.error(e.to_string());
                    None
                }
            };
        }
        match crate::ingest::read_path(&path) {
            Ok(document) => {
                let doc = self.add_document(document, Some(path));
                self.active = Some(Active::Reader(doc));
                Some(doc)
            }
            Err(e) => {
                self.error(e.to_string());
                None
            }
        }
    }

    /// Any document with unsaved annotations.
    pub fn has_unsaved(&self) -> bool {
        self.docs.iter().any(|d| d.dirty)
    }

    fn current(&self) -> Active {
        match self.active {
            Some(Active::Compare) if self.compare.is_some() => Active::Compare,
            Some(Active::Reader(i)) if i < self.docs.len() => Active::Reader(i),
            _ if self.compare.is_some() => Active::Compare,
            _ => Active::Reader(0),
        }
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
    let style = layout::ReadingStyle::new(state.settings.dark);
    let active = state.current();

    Panel::top("menu").show(ui, |ui| menu_bar_ui(ui, state, active, &mut commands));
    if !state.messages.is_empty() {
        Panel::bottom("messages").show(ui, |ui| messages_ui(ui, &state.messages, &mut commands));
    }
    match active {
        Active::Reader(index) if index < state.docs.len() => {
            if state.settings.show_outline {
                Panel::left("outline")
                    .resizable(true)
                    .default_size(240.0)
                    .show(ui, |ui| panels::outline_ui(ui, index, &state.docs[index], &mut commands));
            }
            if state.settings.show_annotations {
                let (docs, filter) = (&state.docs, &mut state.filter);
                Panel::right("annotations")
                    .resizable(true)
                    .default_size(340.0)
                    .show(ui, |ui| panels::annotations_ui(ui, index, &docs[index], filter, &mut commands));
            }
            egui::CentralPanel::default().show(ui, |ui| reader::reader_ui(ui, index, &mut state.docs[index], &style, &mut commands));
        }
        Active::Compare => {
            if let Some(session) = state.compare.as_mut() {
                let docs = &state.docs;
                egui::CentralPanel::default().show(ui, |ui| compare_view::compare_ui(ui, session, docs, &style, &mut commands));
            }
        }
        Active::Reader(_) => {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("No document open");
                ui.label("Open a draft (File → Open…, or drop a file on the window), or the built-in samples.");
                if ui.button("Open the samples").clicked() {
                    state.open_samples();
                }
            });
        }
    }
    dialogs_ui(&ctx, state, &mut commands);
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

fn menu_bar_ui(ui: &mut Ui, state: &AppState, active: Active, commands: &mut Vec<Command>) {
    let doc = match active {
        Active::Reader(i) => Some(i),
        Active::Compare => state.compare.as_ref().map(|c| c.new),
    }
    .filter(|&i| i < state.docs.len());
    ui.horizontal_wrapped(|ui| {
        ui.menu_button("File", |ui| {
            if ui.button("Open document…").clicked() {
                commands.push(Command::Pick(jobs::Purpose::Open));
            }
            if let Some(doc) = doc {
                if ui.button("Open annotations…").clicked() {
                    commands.push(Command::Pick(jobs::Purpose::OpenAnnotations(doc)));
                }
                if ui.button("Save annotations (Ctrl+S)").clicked() {
                    commands.push(Command::Save { doc });
                }
                if ui.button("Save annotations as…").clicked() {
                    commands.push(Command::Pick(jobs::Purpose::SaveAnnotations(doc)));
                }
                if ui.button("Merge a colleague's file…").clicked() {
                    commands.push(Command::Pick(jobs::Purpose::Merge(doc)));
                }
                if ui.button("Export position table…").clicked() {
                    commands.push(Command::Pick(jobs::Purpose::ExportTable(doc)));
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
            if ui.button("Author name…").clicked() {
                commands.push(Command::Dialog(Some(Dialog::Author)));
            }
        });
        ui.separator();
        for (i, d) in state.docs.iter().enumerate() {
            let name = if d.dirty { format!("{} •", d.name()) } else { d.name() };
            if ui.selectable_label(active == Active::Reader(i), name).clicked() {
                commands.push(Command::Show(Active::Reader(i)));
            }
        }
        if state.compare.is_some() && ui.selectable_label(active == Active::Compare, "Compare").clicked() {
            commands.push(Command::Show(Active::Compare));
        }
        if state.docs.len() >= 2 {
            let (old, new) = state.compare.as_ref().map_or((state.docs.len() - 2, state.docs.len() - 1), |c| (c.old, c.new));
            if ui.button("Compare…").on_hover_text("Compare the two most recent documents").clicked() {
                let (old, new) = if state.compare.is_some() { (state.docs.len() - 2, state.docs.len() - 1) } else { (old, new) };
                commands.push(Command::Compare { old, new });
            }
        }
        if let Active::Reader(doc) = active
            && let Some(word) = state.docs.get(doc).and_then(|d| d.word.as_ref())
        {
            if word.before.is_some() && ui.button("Compare tracked changes").clicked() {
                commands.push(Command::CompareTracked(doc));
            }
            if !word.comments.is_empty()
                && !word.comments_imported
                && ui.button(format!("Import Word comments ({})", word.comments.len())).clicked()
            {
                commands.push(Command::ImportWordComments(doc));
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

fn dialogs_ui(ctx: &egui::Context, state: &mut AppState, commands: &mut Vec<Command>) {
    if state.dialog != Some(Dialog::Author) {
        state.drafts.author_focused = false;
    }
    let Some(dialog) = state.dialog.clone() else { return };
    // Modal: the document behind cannot be changed while a question is open.
    struct Modal<'t>(&'t str);
    impl Modal<'_> {
        fn show(self, ctx: &egui::Context, add_contents: impl FnOnce(&mut Ui)) {
            egui::Modal::new(egui::Id::unique(("dialog", self.0))).show(ctx, |ui| {
                ui.set_max_width(460.0);
                ui.heading(self.0);
                add_contents(ui);
            });
        }
    }
    let window = Modal;
    match dialog {
        state::Dialog::ConfirmClose => {
            window("Unsaved annotations").show(ctx, |ui| {
                ui.label("Some annotations are not saved. They are also in the autosave, but save them to a file to share them.");
                ui.horizontal(|ui| {
                    if ui.button("Save all").clicked() {
                        for (doc, _) in state.docs.iter().enumerate().filter(|(_, d)| d.dirty) {
                            commands.push(Command::Save { doc });
                        }
                        commands.push(Command::Dialog(None));
                    }
                    if ui.button("Close without saving").clicked() {
                        commands.push(Command::CloseDiscarding);
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::Dialog(None));
                    }
                });
            });
        }
        state::Dialog::RestoreAutosave { doc, path } => {
            window("Restore annotations?").show(ctx, |ui| {
                let name = state.docs.get(doc).map(|d| d.name()).unwrap_or_default();
                ui.label(format!("Gloss found annotations for {name} that were not saved to a file (autosave: {}).", path.display()));
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        commands.push(Command::RestoreAutosave { doc, path: path.clone() });
                    }
                    if ui.button("Keep the saved version").clicked() {
                        commands.push(Command::Dialog(None));
                    }
                });
            });
        }
        state::Dialog::ReplaceUnsaved { doc, path } => {
            window("Unsaved annotations").show(ctx, |ui| {
                ui.label(format!("Your annotations on this document are not saved. Opening {} would replace them.", path.display()));
                ui.horizontal(|ui| {
                    if ui.button("Merge it into mine").clicked() {
                        commands.push(Command::MergeFrom { doc, path: path.clone() });
                        commands.push(Command::Dialog(None));
                    }
                    if ui.button("Replace mine").clicked() {
                        commands.push(Command::ReplaceAnnotations { doc, path: path.clone() });
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::Dialog(None));
                    }
                });
            });
        }
        state::Dialog::Tags => {
            let index = state.active_doc().unwrap_or(0);
            if let Some(doc) = state.docs.get(index) {
                let drafts = &mut state.drafts;
                window("Tags").show(ctx, |ui| {
                    panels::tags_ui(ui, index, doc, drafts, commands);
                    if ui.button("Done").clicked() {
                        commands.push(Command::Dialog(None));
                    }
                });
            }
        }
        state::Dialog::Author => {
            let drafts = &mut state.drafts;
            window("Your name").show(ctx, |ui| {
                ui.label("Annotations carry their author's name so colleagues can tell them apart.");
                let label = ui.label("Name or delegation:");
                let edit = ui.text_edit_singleline(&mut drafts.author).labelled_by(label.id);
                if !std::mem::replace(&mut drafts.author_focused, true) {
                    edit.request_focus();
                }
                if ui.button("OK").clicked() || (edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
                    commands.push(Command::SetAuthor(drafts.author.clone()));
                }
                if ui.button("Later").clicked() {
                    commands.push(Command::Dialog(None));
                }
            });
        }
    }
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
        Active::Compare => "Compare".to_string(),
        Active::Reader(i) => state.docs.get(i).map(|d| d.name()).unwrap_or_default(),
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
        state.autosave_dir = directories::ProjectDirs::from("org", "Gloss", "Gloss").map(|d| d.data_dir().join("autosave"));
        match compare {
            Some((old, new)) => {
                if let (Some(o), Some(n)) = (state.open_now(old), state.open_now(new)) {
                    state.pending.push(Command::Compare { old: o, new: n });
                }
            }
            None if files.is_empty() => state.open_samples(),
            None => {
                let (annotations, documents): (Vec<PathBuf>, Vec<PathBuf>) =
                    files.into_iter().partition(|p| p.extension().is_some_and(|e| e == "ron"));
                for path in documents {
                    state.open_now(path);
                }
                if let Some(doc) = state.docs.len().checked_sub(1) {
                    for path in annotations {
                        state.pending.push(Command::LoadAnnotations { doc, path });
                    }
                }
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
