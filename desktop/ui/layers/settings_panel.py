"""The right-hand Layer settings panel: the selected layer's fields, filled from the in-memory
layer (no database read) and committed one undo step per finished edit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...application.gateway import Failure
from ...domain.change_set import ChangeSet, Inserted, Removed
from ...domain.fields import PRICE_FORMAT_FIELDS, STOCK_FIELDS, LayerField
from ...domain.model import Layer, LayerType
from ...domain.money import money_str
from ...domain.price_format import DEFAULT_FORMAT
from ...domain.rules import RuleError
from ...domain.rules import image as image_rule
from ...store import images, media
from ..editing.commands import UndoTarget
from ..editing.document import Document
from ..stock.section import StockSection
from ..theme import palette
from ..theme.palette import Tone
from ..widgets import accessibility, empty_state
from ..widgets.plain_text import plain_tooltip
from .field_commit import FieldError, LayerCommitter, StackUndoKeys, stacked
from .group_warning import GroupDefaultWarning
from .image_field import ImageField

KIND_TITLES = {
    LayerType.GROUP: "Group",
    LayerType.SUB_GROUP: "Sub-group",
    LayerType.IMAGE: "Option (image layer)",
}
_GENERAL_FIELDS = {
    LayerField.NAME,
    LayerField.PRICE,
    LayerField.SALE_PRICE,
    LayerField.IMAGE,
    LayerField.ACTIVE_ON_LOAD,
    LayerField.HIDDEN,
}
_GROUP_FIELDS = {LayerField.REQUIRED, LayerField.MULTIPLE}


class LayerSettingsPanel(QScrollArea):
    """General fields (name, prices, image, default choice, hidden; required/multiple for
    groups) and the Stock Management section for the layer `show_layer` was given. Follows
    the document's change sets for that layer, so undo/redo shows in the fields. Emits no
    signals; refusals go through its LayerCommitter's message signal."""

    def __init__(
        self, document: Document, stack: UndoTarget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("layerSettingsPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # Tab goes from the layers tree straight to the first field, not to this frame.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.document = document
        self.committer = LayerCommitter(document, stack, self)
        self.layer: Layer | None = None
        self._loading = False

        body = QWidget()
        self.setWidget(body)
        self.empty_label = QLabel(empty_state.NO_SETTINGS)
        self.empty_label.setObjectName("layerSettingsEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        palette.style_text(self.empty_label, Tone.MUTED, "padding: 24px;")
        self.title = QLabel()
        self.title.setObjectName("layerSettingsTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a layer name the user typed
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.kind = QLabel()
        palette.style_text(self.kind, Tone.MUTED)
        # A required group whose default shoppers cannot choose; it follows edits itself.
        self.group_warning = GroupDefaultWarning(document)

        self.general = QGroupBox("General")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("layerNameEdit")
        self.name_error = FieldError("layerNameError")
        self.price_edit = QLineEdit()
        self.price_edit.setObjectName("layerPriceEdit")
        self.price_error = FieldError("layerPriceError")
        self.sale_edit = QLineEdit()
        self.sale_edit.setObjectName("layerSalePriceEdit")
        self.sale_edit.setPlaceholderText("no sale")
        self.sale_error = FieldError("layerSalePriceError")
        self.image_field = ImageField()
        self.image_error = FieldError("layerImageError")
        self.active_check = QCheckBox("Active on load (the default choice)")
        self.active_check.setObjectName("activeOnLoadCheck")
        self.hidden_check = QCheckBox("Hide this and child layers in controls")
        self.hidden_check.setObjectName("hiddenCheck")
        self.required_check = QCheckBox("Required (shoppers must choose)")
        self.required_check.setObjectName("requiredCheck")
        self.multiple_check = QCheckBox("Allow multiple selection")
        self.multiple_check.setObjectName("multipleCheck")

        self.form = QFormLayout(self.general)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # In a narrow dock a field too wide to sit beside its label goes under it, instead
        # of the panel scrolling sideways with its fields cut off.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # Beside its field, not centred on the field and the room kept for its message.
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Access keys avoid the menu bar's letters (a test checks they never clash).
        accessibility.add_row(
            self.form, "&Name", self.name_edit, stacked(self.name_edit, self.name_error)
        )
        # Rows only image layers have (shown or hidden per layer type).
        self._image_rows: list[QWidget] = [
            stacked(self.price_edit, self.price_error),
            stacked(self.sale_edit, self.sale_error),
            stacked(self.image_field, self.image_error),
            self.active_check,
        ]
        accessibility.add_row(self.form, "P&rice", self.price_edit, self._image_rows[0])
        accessibility.add_row(self.form, "Sale pr&ice", self.sale_edit, self._image_rows[1])
        accessibility.add_row(self.form, "I&mage", self.image_field.path_edit, self._image_rows[2])
        # The check boxes span the form, so they start in one line whatever their text's
        # length (beside an empty label, a long one wrapped under it and a short one not).
        for check in (self.active_check, self.required_check, self.multiple_check):
            self.form.addRow(check)
        self.form.addRow(self.hidden_check)
        self.stock = StockSection(document, self.committer)

        self.body_layout = layout = QVBoxLayout(body)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.title)
        layout.addWidget(self.kind)
        layout.addWidget(self.group_warning)
        layout.addWidget(self.general)
        layout.addWidget(self.stock)
        layout.addStretch(1)

        self.undo_keys = StackUndoKeys(self)
        self.undo_keys.watch(
            self.name_edit,
            self.price_edit,
            self.sale_edit,
            self.stock.sku_edit,
            self.stock.quantity_spin,
        )
        self.name_edit.editingFinished.connect(self._name_finished)
        self.price_edit.editingFinished.connect(lambda: self._price_finished(LayerField.PRICE))
        self.sale_edit.editingFinished.connect(lambda: self._price_finished(LayerField.SALE_PRICE))
        for check, field in (
            (self.active_check, LayerField.ACTIVE_ON_LOAD),
            (self.hidden_check, LayerField.HIDDEN),
            (self.required_check, LayerField.REQUIRED),
            (self.multiple_check, LayerField.MULTIPLE),
        ):
            check.toggled.connect(lambda on, field=field: self._toggled(field, on))
        self.image_field.fileChosen.connect(self._image_chosen)
        self.image_field.cleared.connect(lambda: self._commit_image(""))
        document.changed.connect(self._follow)
        document.failed.connect(self._failed)
        self.show_layer(None)

    def comfortable_width(self) -> int:
        """Wide enough for every field without a horizontal scroll bar."""
        # The sections' hints count even while hidden (nothing selected yet).
        sections = max(self.general.minimumSizeHint().width(), self.stock.minimumSizeHint().width())
        margins = self.body_layout.contentsMargins()
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        return sections + margins.left() + margins.right() + scroll_bar + 2 * self.frameWidth()

    # --- showing -------------------------------------------------------------------------
    def show_layer(self, layer: Layer | None) -> None:
        self.layer = layer
        for error in (self.name_error, self.price_error, self.sale_error, self.image_error):
            error.clear_message()
        shown = layer is not None
        self.empty_label.setVisible(not shown)
        for widget in (self.title, self.kind, self.general):
            widget.setVisible(shown)
        is_image = layer is not None and layer.type is LayerType.IMAGE
        self.stock.setVisible(is_image)
        self.group_warning.show_group(layer)
        if layer is None:
            self.empty_label.setText(self._empty_text())
            self.stock.show_layer(None)
            return
        for row in self._image_rows:
            self.form.setRowVisible(row, is_image)
        self.form.setRowVisible(self.required_check, not is_image)
        self.form.setRowVisible(self.multiple_check, not is_image)
        self.kind.setText(KIND_TITLES[layer.type])
        self.image_field.db_path = self.document.db_path
        self._load(_GENERAL_FIELDS | _GROUP_FIELDS)
        self.stock.show_layer(layer if is_image else None)

    def _empty_text(self) -> str:
        cfg = self.document.configurator
        if cfg is None:
            return empty_state.NO_CONFIGURATOR_OPEN
        return empty_state.NO_LAYER_TO_EDIT if not cfg.layers else empty_state.NO_SETTINGS

    def _load(self, fields: set[LayerField]) -> None:
        layer = self.layer
        if layer is None:
            return
        cfg = self.document.configurator
        price_format = cfg.price_format if cfg is not None else DEFAULT_FORMAT
        self._loading = True
        try:
            if LayerField.NAME in fields:
                self.name_edit.setText(layer.name)
                self.title.setText(layer.name)
            if LayerField.PRICE in fields:
                self.price_edit.setText(money_str(layer.price))  # "4" shows as "4.00"
                self.price_edit.setToolTip(  # the currency symbol is the merchant's text
                    plain_tooltip(f"Shown to shoppers as {price_format.format(layer.price)}")
                )
            if LayerField.SALE_PRICE in fields:
                sale = layer.sale_price
                self.sale_edit.setText("" if sale is None else money_str(sale))
            if LayerField.IMAGE in fields and layer.type is LayerType.IMAGE:
                self.image_field.show_image(layer.image)
            for column, check in (
                (LayerField.ACTIVE_ON_LOAD, self.active_check),
                (LayerField.HIDDEN, self.hidden_check),
                (LayerField.REQUIRED, self.required_check),
                (LayerField.MULTIPLE, self.multiple_check),
            ):
                if column in fields:
                    check.setChecked(getattr(layer, column))
        finally:
            self._loading = False

    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            self.show_layer(None)
            return
        tree = change.structure
        if isinstance(tree, Removed):
            self._layer_removed()
        elif isinstance(tree, Inserted):
            self._refresh_empty()
        fields = change.fields_of(self.layer)
        if fields:
            self._layer_changed(fields)
        if change.settings & PRICE_FORMAT_FIELDS:
            self._load({LayerField.PRICE})

    def _layer_changed(self, fields: frozenset[LayerField]) -> None:
        if LayerField.NAME in fields:
            self.name_error.clear_message()  # renamed (here, in the tree or by undo): fine now
        self._load(set(fields))
        stock_fields = fields & STOCK_FIELDS
        if stock_fields:
            self.stock.load(set(stock_fields))

    def _layer_removed(self) -> None:
        if self.layer is not None and not self.document.has_layer(self.layer.id):  # type: ignore[arg-type]  # a held layer is stored
            self.show_layer(None)
        self._refresh_empty()

    def _refresh_empty(self) -> None:
        """The empty panel's words follow whether the configurator has any layer at all."""
        if self.layer is None:
            self.empty_label.setText(self._empty_text())

    def _failed(self, failure: Failure) -> None:
        # A rename in the layers tree refused by the store (a sibling has the name) reaches
        # the user through the document; the tree renames the selected layer, whose name
        # field is here, so the reason shows where the merchant will fix it. Routed by the
        # field the store named, never by its words. (This panel's own name edits reach the
        # field through the committer, with the same text.)
        if self.layer is not None and failure.field is LayerField.NAME:
            self.name_error.show_message(failure.text)

    # --- committing ------------------------------------------------------------------------
    def _name_finished(self) -> None:
        layer = self.layer
        if layer is None or self._loading:
            return
        self.committer.commit(
            layer,
            {LayerField.NAME: self.name_edit.text()},
            self.name_error,
            revert=lambda: self._load({LayerField.NAME}),
        )

    def _price_finished(self, field: LayerField) -> None:
        layer = self.layer
        if layer is None or self._loading:
            return
        edit, error = (
            (self.price_edit, self.price_error)
            if field is LayerField.PRICE
            else (self.sale_edit, self.sale_error)
        )
        # As typed: the field rules read it (an empty sale price means no sale).
        self.committer.commit(
            layer, {field: edit.text()}, error, revert=lambda: self._load({field})
        )
        self._load({field})  # shows the stored form ("3" becomes "3.00")

    def _toggled(self, field: LayerField, on: bool) -> None:
        if self._loading or self.layer is None:
            return
        self.committer.commit(self.layer, {field: on}, revert=lambda: self._load({field}))

    def _image_chosen(self, chosen: str) -> None:
        db_path = self.document.db_path
        if self.layer is None:
            return
        if db_path is None:
            self.committer.refuse(self.image_error, "Images need a database saved in a file.")
            return
        source = Path(chosen)
        try:
            info = images.check_image(source)
        except images.ImageError as exc:
            self.committer.refuse(self.image_error, f"Image: {source.name} {exc}.")
            return
        folder = media.media_dir(db_path)
        relative = ""
        if media.inside(source, folder):
            relative = source.resolve().relative_to(folder.resolve()).as_posix()
        if not relative or rules_image_problem(relative):
            # Outside the media folder, or named so that no exchange file could refer to it:
            # copied in under a short, safe name.
            wanted = media.stored_name(source.name, info.extension)
            try:
                relative, _created = media.place_file(source, folder, wanted)
            except OSError as exc:
                self.committer.refuse(
                    self.image_error, f"Could not copy the image: {exc.strerror or exc}."
                )
                return
        self._commit_image(relative)

    def _commit_image(self, relative: str) -> None:
        if self.layer is not None:
            self.committer.commit(
                self.layer,
                {LayerField.IMAGE: relative},
                self.image_error,
                revert=lambda: self._load({LayerField.IMAGE}),
            )


def rules_image_problem(relative: str) -> str:
    """Why the image rule would refuse relative as a stored path, or ''."""
    try:
        image_rule(relative)
    except RuleError as exc:
        return exc.problem
    return ""
