"""Word ``.docx`` scripts, read as the text they hold.

Each Word paragraph is a line of the script, so a ``.docx`` typed from a text script parses
like that text, in whatever house style it is written. Tables are read row by row; a
two-column A/V table (video left, audio right, the way TV scripts are laid out) gives each
row's video column as bracketed director cues (``[CAM 2]``) and its audio column as copy.
A "VIDEO | AUDIO" header row is left out.
"""

from __future__ import annotations

import io
import zipfile

from castkit.errors import BadInput

_AV_HEADERS = {("video", "audio"), ("v", "a"), ("vision", "sound"), ("pictures", "words")}


def _cell_lines(cell) -> list[str]:
    return [p.text.strip() for p in cell.paragraphs if p.text.strip()]


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        cells = list(row.cells)
        heads = tuple(c.text.strip().lower().rstrip(":") for c in cells)
        if heads in _AV_HEADERS:
            continue
        if len(cells) == 2:
            video, audio = (_cell_lines(c) for c in cells)
            lines += [line if line.startswith("[") else f"[{line}]" for line in video]
            lines += audio
        else:
            lines += [line for cell in cells for line in _cell_lines(cell)]
        lines.append("")
    return lines


def docx_text(data: bytes, where: str) -> str:
    """The script in a ``.docx`` file's bytes as text: one line per paragraph, tables row by row.

    python-docx parses the document's XML without resolving entities.
    """
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise BadInput(f"not a readable Word document: {exc}", where=where) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += _table_lines(block)
        else:
            lines.append(block.text)
    return "\n".join(lines).strip("\n") + "\n"
