#!/usr/bin/env python3
"""Opens Word files in LibreOffice (headless, private profile) and reports their text with every
tracked change accepted and with every change rejected, as JSON.

Usage: redlines.py OUT.json FILE.docx...

For each file: the number of tracked changes LibreOffice sees, and for each of "accepted" and
"rejected": the body paragraphs (table cells included, in reading order), the footnotes, the
comments (author and text) and the number of changes left.

Files are first loaded without a window (a model only): LibreOffice without its user interface
files (Debian's libreoffice-writer-nogui) crashes when it opens a view of a document with
comments. Accepting and rejecting needs a view, so files with tracked changes are opened again
in a hidden window for that; a file with both comments and tracked changes is refused. Exit status 0 when every file
loaded; 2 when LibreOffice or its Python bridge is missing; 1 on any other failure.
Needs a Python with the `uno` module (Debian: python3-uno, run with /usr/bin/python3).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError as error:  # pragma: no cover - reported to the caller
    print(f"no LibreOffice Python bridge: {error}", file=sys.stderr)
    sys.exit(2)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start_office(profile):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        print("no soffice on PATH", file=sys.stderr)
        sys.exit(2)
    pipe = f"gloss{os.getpid()}"
    process = subprocess.Popen(
        [
            office,
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 120
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                print("LibreOffice did not start", file=sys.stderr)
                sys.exit(1)
            time.sleep(0.25)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    dispatcher = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
    return process, context, desktop, dispatcher


def paragraph_text(paragraph):
    """A paragraph's text without footnote anchors (their numbers are Word's, not the text's)."""
    out = []
    portions = paragraph.createEnumeration()
    while portions.hasMoreElements():
        portion = portions.nextElement()
        if portion.TextPortionType == "Text":
            out.append(portion.getString())
    return "".join(out)


def paragraphs(text):
    """Paragraph strings of a text, descending into tables cell by cell."""
    out = []
    enumeration = text.createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            out.append(paragraph_text(element))
        elif element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                out.extend(paragraphs(element.getCellByName(name).getText()))
    return out


def count(enumeration_access):
    n = 0
    enumeration = enumeration_access.createEnumeration()
    while enumeration.hasMoreElements():
        enumeration.nextElement()
        n += 1
    return n


def comments(document):
    out = []
    fields = document.getTextFields().createEnumeration()
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.supportsService("com.sun.star.text.textfield.Annotation"):
            out.append({"author": field.Author, "text": field.Content})
    return out


def snapshot(document):
    footnotes = document.getFootnotes()
    return {
        "body": paragraphs(document.getText()),
        "footnotes": [footnotes.getByIndex(i).getString() for i in range(footnotes.getCount())],
        "comments": comments(document),
        "changes": count(document.getRedlines()),
    }


def load(desktop, path):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if document is None:
        raise RuntimeError(f"{path}: LibreOffice could not load the file")
    return document


def load_model(context, path):
    """The document without a window (no view is created)."""
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    document = context.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", context)
    document.load((prop("URL", url), prop("FilterName", "MS Word 2007 XML")))
    return document


def view(desktop, dispatcher, path, command):
    document = load(desktop, path)
    try:
        frame = document.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, command, "", 0, ())
        return snapshot(document)
    finally:
        document.close(True)


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 1
    out_path, files = sys.argv[1], sys.argv[2:]
    profile = tempfile.mkdtemp(prefix="gloss-lo-profile-")
    process, context, desktop, dispatcher = start_office(profile)
    results = {}
    status = 0
    try:
        for path in files:
            try:
                document = load_model(context, path)
                try:
                    tracked = count(document.getRedlines())
                    as_written = snapshot(document)
                finally:
                    document.close(True)
                if tracked == 0:
                    results[path] = {"tracked": 0, "accepted": as_written, "rejected": as_written}
                    continue
                if as_written["comments"]:
                    raise RuntimeError(f"{path}: tracked changes and comments together cannot be checked here")
                results[path] = {
                    "tracked": tracked,
                    "accepted": view(desktop, dispatcher, path, ".uno:AcceptAllTrackedChanges"),
                    "rejected": view(desktop, dispatcher, path, ".uno:RejectAllTrackedChanges"),
                }
            except Exception as error:
                results[path] = {"error": str(error)}
                status = 1
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(results, out, ensure_ascii=False, indent=1)
    return status


if __name__ == "__main__":
    sys.exit(main())
