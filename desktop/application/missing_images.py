"""Which images an exchange file names but does not have beside it, found before importing.

The importer keeps such an option's image path without a file behind it (the editor then
shows "File not found"); this check lets the CLI, and the window's import preview, say so
up front, naming the field the way every import error does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.model import Configurator, Layer
from ..store.exchange import read_file
from ..store.regular_files import not_regular


@dataclass(frozen=True, slots=True)
class MissingImage:
    """An option's image that is not in the imported file's folder."""

    field: str  # e.g. "configurator.layers[1].children[0].image"
    image: str  # the relative path as the file writes it

    def warning(self) -> str:
        return (
            f'{self.field}: "{self.image}" was not found beside the file; '
            "the option has no image until you choose one"
        )


def missing_images(file: Path) -> list[MissingImage]:
    """The images file's options name that are missing from its folder, in file order.

    Reads and validates the file as an import does, so an invalid file raises the same
    ExchangeError (naming the field) that importing it would.
    """
    return missing_in(read_file(Path(file)), Path(file).parent)


def missing_in(cfg: Configurator, folder: Path) -> list[MissingImage]:
    """The options of cfg whose image is not a file (or a link) inside folder."""
    missing = []
    for field, layer in _image_fields(cfg.layers, "configurator.layers"):
        if layer.image and not _present(folder, layer.image):
            missing.append(MissingImage(field, layer.image))
    return missing


def not_regular_in(cfg: Configurator, folder: Path) -> str | None:
    """The first option image of cfg that names a pipe, a device, a socket or a folder, as
    the import would refuse it ('configurator.layers[0].children[0].image: "images/x.png" is
    a named pipe (FIFO), not a regular file'), or None. Looks without opening
    (docs/files-and-images.md)."""
    for field, layer in _image_fields(cfg.layers, "configurator.layers"):
        if layer.image:
            problem = not_regular(folder / layer.image)
            if problem is not None:
                return f'{field}: "{layer.image}" {problem}'
    return None


def _present(folder: Path, relative: str) -> bool:
    """Whether the importer will find something at relative: a file it then checks (and may
    refuse, naming why), or a link it follows. Nothing there is what it silently skips."""
    path = folder / relative
    try:
        return path.exists() or path.is_symlink()
    except (OSError, ValueError):  # a name the file system cannot even look up
        return False


def _image_fields(layers: list[Layer], path: str) -> list[tuple[str, Layer]]:
    found: list[tuple[str, Layer]] = []
    for index, layer in enumerate(layers):
        here = f"{path}[{index}]"
        if layer.is_group:
            found += _image_fields(layer.children, f"{here}.children")
        else:
            found.append((f"{here}.image", layer))
    return found
