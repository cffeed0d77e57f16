//! LibreOffice, headless, as an independent reader of the Word files Gloss writes: the text
//! with every tracked change accepted and rejected (`tests/lo/redlines.py` over Python-UNO), and
//! conversion to PDF. Tests that need it call [`available`] first: without LibreOffice they are
//! skipped with a note, unless CI asks for it (`CI` and `GLOSS_REQUIRE_LIBREOFFICE=1`).
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A Python that has the `uno` module, and `soffice`; `None` (with the reason) when missing.
#[allow(clippy::print_stderr, reason = "a skipped test says why")]
pub fn available() -> Option<PathBuf> {
    let required = std::env::var_os("CI").is_some() && std::env::var("GLOSS_REQUIRE_LIBREOFFICE").is_ok_and(|v| v == "1");
    let missing = |why: &str| {
        assert!(!required, "GLOSS_REQUIRE_LIBREOFFICE=1 but {why}");
        eprintln!("note: LibreOffice round-trip tests skipped: {why}");
        None
    };
    if Command::new("soffice").arg("--version").output().is_err() {
        return missing("soffice is not on PATH (Debian: libreoffice-writer-nogui)");
    }
    let candidates =
        std::env::var_os("GLOSS_UNO_PYTHON").map(PathBuf::from).into_iter().chain(["/usr/bin/python3".into(), "python3".into()]);
    for python in candidates {
        let ok = Command::new(&python).args(["-c", "import uno"]).output().is_ok_and(|o| o.status.success());
        if ok {
            return Some(python);
        }
    }
    missing("no Python with the uno module (Debian: python3-uno)")
}

/// The text LibreOffice finds in each file, with every change accepted and rejected.
pub fn redlines(python: &Path, files: &[PathBuf], out_dir: &Path) -> Value {
    let out = out_dir.join("libreoffice.json");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/lo/redlines.py");
    let status = Command::new(python).arg(&script).arg(&out).args(files).status().expect("the UNO script runs");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap_or_default()).unwrap_or(Value::Null);
    assert!(status.success(), "LibreOffice could not read every file: {report:#}");
    report
}

/// Converts the files to PDF in one headless LibreOffice run with a private profile; returns
/// each PDF's page count.
pub fn pdf_pages(files: &[PathBuf], out_dir: &Path) -> Vec<u32> {
    let profile = tempfile::tempdir().expect("profile dir");
    let profile_url = format!("file://{}", profile.path().display());
    let output = Command::new("soffice")
        .args(["--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck"])
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args(["--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .args(files)
        .output()
        .expect("soffice runs");
    assert!(output.status.success(), "soffice --convert-to pdf failed: {}", String::from_utf8_lossy(&output.stderr));
    files
        .iter()
        .map(|file| {
            let pdf = out_dir.join(file.with_extension("pdf").file_name().expect("file name"));
            assert!(pdf.exists(), "{} was converted ({})", file.display(), String::from_utf8_lossy(&output.stdout));
            page_count(&pdf)
        })
        .collect()
}

/// Pages of a PDF, by `pdfinfo` when installed, else by counting page objects.
fn page_count(pdf: &Path) -> u32 {
    if let Ok(output) = Command::new("pdfinfo").arg(pdf).output()
        && output.status.success()
    {
        let text = String::from_utf8_lossy(&output.stdout);
        if let Some(pages) = text.lines().find_map(|l| l.strip_prefix("Pages:")) {
            return pages.trim().parse().expect("pdfinfo prints a number");
        }
    }
    let bytes = std::fs::read(pdf).expect("pdf reads");
    bytes.windows(10).filter(|w| w == b"/Type/Page" || w == b"/Type /Pag").count() as u32
}

/// One view ("accepted" or "rejected") of one file: body paragraphs (table cells included),
/// footnotes, both with white space squashed and empty paragraphs left out.
pub fn view(report: &Value, file: &Path, view: &str) -> (Vec<String>, Vec<String>) {
    let entry = &report[file.to_string_lossy().as_ref()];
    assert!(entry.get("error").is_none(), "{}: {}", file.display(), entry["error"]);
    let lines = |key: &str| -> Vec<String> {
        entry[view][key]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no {view} {key} in {entry:#}", file.display()))
            .iter()
            .map(|v| v.as_str().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    };
    (lines("body"), lines("footnotes"))
}

/// Tracked changes LibreOffice counts in a file as written, and left in one view.
pub fn changes(report: &Value, file: &Path, view: Option<&str>) -> u64 {
    let entry = &report[file.to_string_lossy().as_ref()];
    match view {
        Some(view) => entry[view]["changes"].as_u64().unwrap_or(u64::MAX),
        None => entry["tracked"].as_u64().unwrap_or(0),
    }
}

/// Comments LibreOffice found (author, text) in the accepted view.
pub fn comments(report: &Value, file: &Path) -> Vec<(String, String)> {
    let entry = &report[file.to_string_lossy().as_ref()];
    entry["accepted"]["comments"]
        .as_array()
        .map(|a| a.iter().map(|c| (c["author"].as_str().unwrap_or("").to_string(), c["text"].as_str().unwrap_or("").to_string())).collect())
        .unwrap_or_default()
}
