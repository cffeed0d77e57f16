//! The in-app file dialog, used where the desktop offers no native one (no xdg portal) or when
//! the user prefers it: the same purposes, folders, file names and file types as the native one.

use super::command::Command;
use super::jobs::Purpose;
use std::path::{Path, PathBuf};

/// What a file dialog is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickRequest {
    /// Why it is opened.
    pub purpose: Purpose,
    /// Choose a file to write (else to read).
    pub save: bool,
    /// The folder it starts in.
    pub folder: Option<PathBuf>,
    /// The file name offered when saving.
    pub file_name: String,
}

impl PickRequest {
    /// The dialog's title (plain words: the window fonts have no emoji).
    pub fn title(&self) -> &'static str {
        match self.purpose {
            Purpose::Open => "Open documents",
            Purpose::OpenAnnotations(_) => "Open annotations",
            Purpose::SaveAnnotations(_) => "Save annotations",
            Purpose::Merge(_) => "Merge a colleague's annotations",
            Purpose::ExportTable(_) => "Export the position table",
            Purpose::ExportRedline(_) => "Export the HTML redline",
            Purpose::ExportWordRedline(_) => "Export the Word redline",
            Purpose::ExportAnnotated(_) => "Export the annotated document",
            Purpose::ExportCompilation(_) => "Export the compilation of proposals",
        }
    }

    /// The file types offered: a description and extensions.
    pub fn file_types(&self) -> (&'static str, &'static [&'static str]) {
        match self.purpose {
            Purpose::OpenAnnotations(_) | Purpose::Merge(_) | Purpose::SaveAnnotations(_) => ("Gloss annotations", &["ron"]),
            Purpose::Open => ("Documents and annotations", &["pdf", "docx", "txt", "md", "ron", "text"]),
            Purpose::ExportTable(_) => ("CSV or Markdown", &["csv", "md"]),
            Purpose::ExportRedline(_) => ("HTML", &["html"]),
            Purpose::ExportWordRedline(_) | Purpose::ExportAnnotated(_) => ("Word", &["docx"]),
            Purpose::ExportCompilation(_) => ("Word or HTML", &["docx", "html"]),
        }
    }
}

/// An open in-app dialog and the request it answers.
pub struct InAppDialog {
    request: PickRequest,
    dialog: egui_file::FileDialog,
}

impl std::fmt::Debug for InAppDialog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InAppDialog").field("request", &self.request).finish()
    }
}

impl InAppDialog {
    /// Opens a dialog for a request.
    pub fn open(request: PickRequest) -> Self {
        let (_, extensions) = request.file_types();
        let filter: egui_file::Filter<PathBuf> = Box::new(move |path: &Path| {
            path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
        });
        let mut dialog = if request.save {
            egui_file::FileDialog::save_file().default_filename(request.file_name.clone())
        } else {
            egui_file::FileDialog::open_file().multi_select(request.purpose == Purpose::Open)
        }
        .show_files_filter(filter)
        .title(request.title())
        .id(egui::Id::unique("gloss-file-dialog"));
        if let Some(folder) = &request.folder {
            dialog = dialog.initial_path(folder.clone());
        }
        dialog.open();
        Self { request, dialog }
    }

    /// Draws the dialog; returns whether it is still open and, once the user chose, the paths.
    pub fn show(&mut self, ctx: &egui::Context) -> (bool, Option<Vec<PathBuf>>) {
        self.dialog.show(ctx);
        match self.dialog.state() {
            egui_file::State::Open => (true, None),
            egui_file::State::Selected => {
                let paths: Vec<PathBuf> = if self.dialog.has_multi_select() {
                    self.dialog.selection().into_iter().map(Path::to_path_buf).collect()
                } else {
                    self.dialog.path().map(Path::to_path_buf).into_iter().collect()
                };
                (false, Some(paths))
            }
            egui_file::State::Cancelled | egui_file::State::Closed => (false, None),
        }
    }

    /// The purpose the dialog was opened for.
    pub fn purpose(&self) -> &Purpose {
        &self.request.purpose
    }
}

/// The command that carries out a choice of files for a purpose.
pub fn command_for(purpose: Purpose, mut paths: Vec<PathBuf>) -> Option<Command> {
    if paths.is_empty() {
        return None;
    }
    if purpose == Purpose::Open {
        return Some(Command::OpenPaths(paths));
    }
    let path = paths.swap_remove(0);
    Some(match purpose {
        Purpose::Open => Command::OpenPaths(vec![path]),
        Purpose::OpenAnnotations(doc) => Command::LoadAnnotations { doc, path },
        Purpose::SaveAnnotations(doc) => Command::SaveTo { doc, path },
        Purpose::Merge(doc) => Command::MergeFrom { doc, path },
        Purpose::ExportTable(doc) => Command::ExportTableTo { doc, path },
        Purpose::ExportRedline(compare) => Command::ExportRedlineTo { compare, path },
        Purpose::ExportWordRedline(compare) => Command::ExportWordRedlineTo { compare, path },
        Purpose::ExportAnnotated(doc) => Command::ExportAnnotatedTo { doc, path },
        Purpose::ExportCompilation(doc) => Command::ExportCompilationTo { doc, path },
    })
}
