//! Writing files safely: atomically (a failure leaves the old file as it was), with ordinary
//! permissions, optionally keeping the previous version as `<name>.bak`.
//!
//! Every file Gloss writes over a user's file goes through [`write_atomically`].

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an atomic write failed: the step that failed and the operating system's reason.
#[derive(Debug, thiserror::Error)]
#[error("{action}: {error}")]
pub struct WriteError {
    /// What was being done (`cannot write`, `cannot replace the file`, …).
    pub action: &'static str,
    /// The operating system's reason.
    #[source]
    pub error: std::io::Error,
}

/// How [`write_atomically`] treats the file it replaces.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Keep the previous version as `<path>.bak` (when there is one).
    pub backup: bool,
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written, flushed
/// and synced, the old file is copied to `<path>.bak` if asked, then the temporary file is
/// renamed over the old one. A new file gets the permissions an ordinary new file gets (on
/// unix `0o666` less the umask, so `0o644` under the usual umask), not the `0o600` of temporary
/// files; a replaced file keeps its permissions.
pub fn write_atomically(path: &Path, bytes: &[u8], options: WriteOptions) -> Result<(), WriteError> {
    write_atomically_with(path, bytes, options, std::io::Write::write_all)
}

/// [`write_atomically`] with the write step supplied (tests inject failures through it).
#[doc(hidden)]
pub fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    options: WriteOptions,
    write: impl FnOnce(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let step = |action: &'static str| move |error| WriteError { action, error };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let existing = std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gloss-save-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The kernel applies the umask to this mode, as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(&folder).map_err(step("cannot create a temporary file"))?;
    if let Some(existing) = &existing {
        temp.as_file().set_permissions(existing.permissions()).map_err(step("cannot keep the file's permissions"))?;
    }
    write(temp.as_file_mut(), bytes).map_err(step("cannot write"))?;
    temp.as_file_mut().flush().map_err(step("cannot flush"))?;
    temp.as_file().sync_all().map_err(step("cannot sync to disk"))?;
    if options.backup && existing.is_some() {
        std::fs::copy(path, backup_path(path)).map_err(step("cannot keep the previous version as .bak"))?;
    }
    temp.persist(path).map_err(|e| WriteError { action: "cannot replace the file", error: e.error })?;
    // Make the rename itself durable; not every platform can open a folder, so this is best effort.
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// `<path>.bak`: where [`write_atomically`] keeps the previous version.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_keeps_a_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        write_atomically(&path, b"one", WriteOptions { backup: true }).expect("first");
        assert!(!backup_path(&path).exists(), "nothing to back up the first time");
        write_atomically(&path, b"two", WriteOptions { backup: true }).expect("second");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        assert_eq!(std::fs::read(backup_path(&path)).expect("read"), b"one");
        write_atomically(&path, b"three", WriteOptions::default()).expect("third");
        assert_eq!(std::fs::read(backup_path(&path)).expect("read"), b"one", "no backup asked");
    }

    #[test]
    fn a_failing_write_leaves_the_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        write_atomically(&path, b"old", WriteOptions::default()).expect("first");
        let err = write_atomically_with(&path, b"new", WriteOptions::default(), |_, _| Err(std::io::Error::other("disk full")))
            .expect_err("fails");
        assert_eq!(err.action, "cannot write");
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1, "the temporary file is gone");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_ordinary_permissions_and_replaced_files_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        let dir = tempfile::tempdir().expect("temp dir");
        // What the umask makes of an ordinary new file (0o644 under the usual 0o022).
        let probe = dir.path().join("probe");
        File::create(&probe).expect("probe");
        let ordinary = mode(&probe);
        let path = dir.path().join("a.txt");
        write_atomically(&path, b"one", WriteOptions { backup: true }).expect("written");
        assert_eq!(mode(&path), ordinary);
        write_atomically(&path, b"two", WriteOptions { backup: true }).expect("written");
        assert_eq!((mode(&path), mode(&backup_path(&path))), (ordinary, ordinary));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomically(&path, b"three", WriteOptions { backup: true }).expect("written");
        assert_eq!((mode(&path), mode(&backup_path(&path))), (0o640, 0o640), "an existing file keeps its permissions");
    }
}
