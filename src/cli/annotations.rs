//! `gloss annotations add|list|merge|carry|export|import-word|compile`.

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use gloss::annotate::{self, Anchor, Annotation, AnnotationSet, Placement};
use gloss::store::Document;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The `annotations` subcommands.
#[derive(Debug, Subcommand)]
pub enum AnnotationsCommand {
    /// Add an annotation on a quoted passage of one block (creates the file if needed).
    Add(AddArgs),
    /// List annotations with their status against a document.
    List(ListArgs),
    /// Merge two annotation files.
    Merge(MergeArgs),
    /// Carry annotations from one version onto the next.
    Carry(CarryArgs),
    /// Export the position table (CSV or Markdown), or the document with the annotations as
    /// Word comments (--docx).
    Export(ExportArgs),
    /// Import a Word file's comments as annotations (added to OUT if it exists).
    ImportWord(ImportWordArgs),
    /// Compile the proposed texts of one or more delegations' annotation files: one row per
    /// paragraph with proposals, each shown as a redline (Word table or HTML page).
    Compile(CompileArgs),
}

/// Arguments of `annotations compile`.
#[derive(Debug, Args)]
pub struct CompileArgs {
    /// The document under negotiation.
    document: PathBuf,
    /// Annotation files, one per delegation (merged by annotation id).
    #[arg(required = true, value_name = "FILE.gloss.ron")]
    files: Vec<PathBuf>,
    /// Write the compilation as a Word file.
    #[arg(long, value_name = "OUT.docx", required_unless_present = "html")]
    docx: Option<PathBuf>,
    /// Write the compilation as an HTML page.
    #[arg(long, value_name = "OUT.html")]
    html: Option<PathBuf>,
    /// Also list the paragraphs without proposals.
    #[arg(long)]
    all_paragraphs: bool,
}

/// Arguments of `annotations import-word`.
#[derive(Debug, Args)]
pub struct ImportWordArgs {
    /// The Word file (.docx) with comments.
    document: PathBuf,
    /// The annotation file to write (created, or added to).
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
}

/// Arguments of `annotations add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The annotated document.
    document: PathBuf,
    /// Block index, as `gloss segment DOCUMENT --json` lists the blocks.
    #[arg(long)]
    block: usize,
    /// The exact passage (must occur in the block).
    #[arg(long)]
    quote: String,
    /// A tag (repeatable).
    #[arg(long = "tag", required = true)]
    tags: Vec<String>,
    /// A note.
    #[arg(long, default_value = "")]
    note: String,
    /// The author's name.
    #[arg(long, default_value_t = default_author())]
    author: String,
    /// The annotation file to create or extend.
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
}

/// Arguments of `annotations list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// The annotation file.
    file: PathBuf,
    /// Place the annotations in this document and report their status.
    #[arg(long)]
    doc: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `annotations merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Ours.
    a: PathBuf,
    /// Theirs.
    b: PathBuf,
    /// Where to write the merged file.
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
}

/// Arguments of `annotations carry`.
#[derive(Debug, Args)]
pub struct CarryArgs {
    /// The version the annotations were made on.
    old_doc: PathBuf,
    /// The new version.
    new_doc: PathBuf,
    /// The annotation file.
    file: PathBuf,
    /// Where to write the carried annotations.
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
    /// Print the carried annotations as JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `annotations export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The annotation file.
    file: PathBuf,
    /// The document the annotations belong to.
    #[arg(long)]
    doc: PathBuf,
    /// CSV output.
    #[arg(long, conflicts_with_all = ["md", "docx"], required_unless_present_any = ["md", "docx"])]
    csv: bool,
    /// Markdown output.
    #[arg(long, conflicts_with = "docx")]
    md: bool,
    /// Write the document with each annotation as a Word comment to this file.
    #[arg(long, value_name = "OUT.docx")]
    docx: Option<PathBuf>,
}

/// Runs one `annotations` subcommand.
pub fn run(command: AnnotationsCommand) -> anyhow::Result<()> {
    match command {
        AnnotationsCommand::Add(args) => add(&args),
        AnnotationsCommand::List(args) => list(&args),
        AnnotationsCommand::Merge(args) => merge(&args),
        AnnotationsCommand::Carry(args) => carry(&args),
        AnnotationsCommand::Export(args) => export(&args),
        AnnotationsCommand::ImportWord(args) => import_word(&args),
        AnnotationsCommand::Compile(args) => compile(&args),
    }
}

fn default_author() -> String {
    std::env::var("USER").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| annotate::FALLBACK_AUTHOR.to_string())
}

fn add(args: &AddArgs) -> anyhow::Result<()> {
    let document = gloss::ingest::read_path(&args.document)?;
    let Some(block) = document.blocks.get(args.block) else {
        bail!("{}: there is no block {} (the document has {} blocks)", args.document.display(), args.block, document.blocks.len());
    };
    let Some(anchor) = Anchor::for_quote(&document, args.block, &args.quote) else {
        bail!("{}: block {} ({}) does not contain the quote {:?}", args.document.display(), args.block, block.id, args.quote);
    };
    let mut set = if args.output.exists() { annotate::load(&args.output)? } else { AnnotationSet::for_document(&document) };
    let annotation = Annotation::new(&args.author, anchor, args.tags.clone(), args.note.clone());
    let id = set.add(annotation, &document);
    annotate::save(&args.output, &set)?;
    println!("added {id} to {} ({} annotations)", args.output.display(), set.annotations.len());
    Ok(())
}

/// One annotation as `annotations list --json` prints it.
#[derive(Serialize)]
struct AnnotationJson<'a> {
    id: &'a str,
    block: Option<usize>,
    label: String,
    quote: &'a str,
    tags: &'a [String],
    note: &'a str,
    author: &'a str,
    status: &'static str,
    /// Extra: the quote before the passage changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_quote: Option<&'a str>,
}

#[derive(Serialize)]
struct ListJson<'a> {
    annotations: Vec<AnnotationJson<'a>>,
}

fn list_json<'a>(set: &'a AnnotationSet, document: Option<&Document>, placements: Option<&[Placement]>) -> ListJson<'a> {
    let annotations = set
        .annotations
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let placement = placements.map(|p| p[i]);
            let block = placement.and_then(|p| p.block);
            let label = match (block, document) {
                (Some(b), Some(doc)) => doc.blocks[b].label.clone(),
                _ => a.anchor.label.clone(),
            };
            AnnotationJson {
                id: &a.id,
                block,
                label,
                quote: &a.anchor.quote,
                tags: &a.tags,
                note: &a.note,
                author: &a.author,
                status: placement.map_or(a.status, |p| p.status).name(),
                previous_quote: a.previous_quote.as_deref(),
            }
        })
        .collect();
    ListJson { annotations }
}

fn list(args: &ListArgs) -> anyhow::Result<()> {
    let set = annotate::load(&args.file)?;
    let document = args.doc.as_deref().map(gloss::ingest::read_path).transpose()?;
    let placements = document.as_ref().map(|d| annotate::place_all(&set, d));
    let json = list_json(&set, document.as_ref(), placements.as_deref());
    if args.json {
        return super::print_json(&json);
    }
    println!("{} — {} annotations", set.document.title, set.annotations.len());
    for a in &json.annotations {
        let place = a.block.map_or_else(|| "-".to_string(), |b| b.to_string());
        println!(
            "{:>5} {:<8} [{}] «{}» {} — {}{}",
            place,
            a.label,
            a.status,
            a.quote,
            a.tags.join(", "),
            a.author,
            if a.note.is_empty() { String::new() } else { format!(": {}", a.note) }
        );
    }
    Ok(())
}

fn import_word(args: &ImportWordArgs) -> anyhow::Result<()> {
    let word = gloss::ingest::read_word_file(&args.document)?;
    let mut set = if args.output.exists() {
        let set = annotate::load(&args.output)?;
        warn_if_other_version(&args.output, &set, &word.document);
        set
    } else {
        annotate::AnnotationSet::for_document(&word.document)
    };
    let (added, skipped) = annotate::word::import_comments(&mut set, &word.document, &word.comments);
    annotate::save(&args.output, &set)?;
    println!("imported {added} of {} Word comments into {}", word.comments.len(), args.output.display());
    if skipped > 0 {
        eprintln!("note: {skipped} comments had no passage in the text and were left out");
    }
    Ok(())
}

fn merge(args: &MergeArgs) -> anyhow::Result<()> {
    let mut ours = annotate::load(&args.a)?;
    let theirs = annotate::load(&args.b)?;
    if ours.document.content_hash != theirs.document.content_hash {
        eprintln!(
            "note: {} and {} were made on different versions; annotations keep their own anchors",
            args.a.display(),
            args.b.display()
        );
    }
    let report = annotate::merge(&mut ours, &theirs);
    annotate::save(&args.output, &ours)?;
    println!("merged into {}: {} annotations ({report})", args.output.display(), ours.annotations.len());
    for id in &report.conflict_ids {
        let quote = ours.get(id).map_or("", |a| a.anchor.quote.as_str());
        for conflict in ours.conflicts_of(id) {
            let what = match conflict {
                annotate::Conflict::Edited(other) => {
                    format!("both changed it; the other version ({}, {}) is kept for review", other.author, other.modified)
                }
                annotate::Conflict::Deleted(t) => {
                    format!("changed after {} deleted it ({}); kept, and the deletion is kept for review", t.author, t.deleted)
                }
            };
            println!("  conflict {id} «{}»: {what}", quote.chars().take(60).collect::<String>());
        }
    }
    Ok(())
}

fn carry(args: &CarryArgs) -> anyhow::Result<()> {
    let old = gloss::ingest::read_path(&args.old_doc)?;
    let new = gloss::ingest::read_path(&args.new_doc)?;
    let set = annotate::load(&args.file)?;
    warn_if_other_version(&args.file, &set, &old);
    let alignment = gloss::compare::compare(&old, &new);
    let (carried, report) = annotate::carry_set(&set, &old, &new, &alignment);
    annotate::save(&args.output, &carried)?;
    if args.json {
        let placements = annotate::carried_placements(&carried, &new);
        return super::print_json(&list_json(&carried, Some(&new), Some(&placements)));
    }
    println!("carried {} annotations to {}: {report}", carried.annotations.len(), args.output.display());
    Ok(())
}

fn warn_if_other_version(file: &Path, set: &AnnotationSet, document: &Document) {
    if set.document.content_hash != document.content_hash {
        eprintln!(
            "note: {} was made on another version of {}; statuses show how each annotation was found",
            file.display(),
            document.title
        );
    }
}

fn export(args: &ExportArgs) -> anyhow::Result<()> {
    let set = annotate::load(&args.file)?;
    let document = gloss::ingest::read_path(&args.doc)?;
    let placements = annotate::place_all(&set, &document);
    if let Some(path) = &args.docx {
        let bytes = gloss::export::docx::annotated(&document, &set, &placements)?;
        gloss::fsutil::write_atomically(path, bytes.as_ref(), gloss::fsutil::WriteOptions { backup: false })
            .with_context(|| format!("{}: cannot write the Word file", path.display()))?;
        let lost = placements.iter().filter(|p| p.block.is_none()).count();
        println!("wrote {} annotations as Word comments to {}", set.annotations.len(), path.display());
        if lost > 0 {
            eprintln!("note: {lost} passages were not found; their comments stand at the start of the document");
        }
        return Ok(());
    }
    let rows = gloss::export::table::position_rows(&set, &document, &placements);
    if args.csv {
        print!("{}", gloss::export::table::csv(&rows));
    } else {
        print!("{}", gloss::export::table::markdown(&rows));
    }
    Ok(())
}

fn compile(args: &CompileArgs) -> anyhow::Result<()> {
    let document = gloss::ingest::read_path(&args.document)?;
    let mut sets = Vec::with_capacity(args.files.len());
    for file in &args.files {
        let set = annotate::load(file)?;
        warn_if_other_version(file, &set, &document);
        sets.push(set);
    }
    let options = gloss::export::compilation::CompilationOptions { all_paragraphs: args.all_paragraphs };
    let compilation = gloss::export::compilation::compile(&document, &sets, options);
    if let Some(path) = &args.docx {
        let bytes = gloss::export::compilation::docx::compilation_docx(&compilation)?;
        gloss::fsutil::write_atomically(path, bytes.as_ref(), gloss::fsutil::WriteOptions { backup: false })
            .with_context(|| format!("{}: cannot write the Word file", path.display()))?;
    }
    if let Some(path) = &args.html {
        let html = gloss::export::compilation::html::compilation_html(&compilation);
        gloss::fsutil::write_atomically(path, html.as_ref(), gloss::fsutil::WriteOptions { backup: false })
            .with_context(|| format!("{}: cannot write the HTML page", path.display()))?;
    }
    let proposals: usize = compilation.rows.iter().map(|r| r.proposals.len()).sum();
    println!(
        "compiled {proposals} proposals in {} paragraphs from {} delegations",
        compilation.rows.iter().filter(|r| !r.proposals.is_empty()).count(),
        compilation.authors.len()
    );
    if !compilation.unplaced.is_empty() {
        eprintln!("note: {} proposals whose passage was not found are listed at the end", compilation.unplaced.len());
    }
    Ok(())
}
