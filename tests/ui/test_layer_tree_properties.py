"""Random sequences of tree edits (insert, move, delete, undo, redo): Qt's model tester watches
every signal, and after each step the Qt model, the proxy and the stored tree agree with the
in-memory tree."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from desktop.domain.model import Layer, LayerType, can_hold
from desktop.store import repository
from desktop.store.database import open_memory_database
from desktop.ui.editing.commands import InsertLayer, MoveLayer, RemoveLayer, push
from desktop.ui.editing.document import Document
from desktop.ui.layers.tree_model import LayerTreeModel

from .helpers import controller

OPS = st.lists(
    st.tuples(
        st.sampled_from(["insert", "move", "remove", "undo", "redo"]),
        st.integers(0, 1000),
        st.integers(0, 1000),
        st.integers(0, 6),
    ),
    max_size=25,
)


def _shape(model: Any, parent: QModelIndex = QModelIndex()) -> list[Any]:  # noqa: B008
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        assert model.parent(index) == parent
        rows.append((index.data(), _shape(model, index)))
    return rows


def _domain(layers: list[Layer]) -> list[Any]:
    return [(layer.name, _domain(layer.children)) for layer in layers]


def _apply(document: Document, stack: QUndoStack, op: tuple[str, int, int, int]) -> None:
    kind, a, b, c = op
    cfg = document.configurator
    assert cfg is not None
    nodes = list(cfg.walk())
    parents: list[Layer | None] = [None, *[n for n in nodes if n.is_group]]
    if kind == "undo":
        stack.undo()
    elif kind == "redo":
        stack.redo()
    elif kind == "remove" and nodes:
        push(stack, RemoveLayer(document, nodes[a % len(nodes)].id))  # type: ignore[arg-type]
    elif kind == "insert":
        parent = parents[a % len(parents)]
        allowed = [t for t in LayerType if can_hold(parent.type if parent else None, t)]
        new = Layer(name=f"N{a}-{b}", type=allowed[c % len(allowed)])
        parent_id = parent.id if parent else None
        siblings = cfg.children_of(parent)
        push(stack, InsertLayer(document, parent_id, b % (len(siblings) + 1), new, "Add"))
    elif kind == "move" and nodes:
        layer = nodes[a % len(nodes)]
        targets = [
            p
            for p in parents
            if can_hold(p.type if p else None, layer.type)
            and (p is None or layer not in _ancestors(p))
        ]
        if targets:
            target = targets[b % len(targets)]
            count = len(cfg.children_of(target)) + 1
            target_id = target.id if target else None
            push(stack, MoveLayer(document, layer.id, target_id, c % count))  # type: ignore[arg-type]


def _check_persistent(
    document: Document, model: LayerTreeModel, kept: dict[int, QPersistentModelIndex]
) -> None:
    """Persistent indexes only follow paired begin/end signals with the right rows: a wrong
    move destination or a missing signal leaves one pointing at the wrong row."""
    cfg = document.configurator
    assert cfg is not None
    for layer_id, persistent in list(kept.items()):
        if not document.has_layer(layer_id):
            assert not persistent.isValid()
            del kept[layer_id]
    for layer in cfg.walk():
        assert layer.id is not None
        persistent = kept.get(layer.id)
        if persistent is None:
            kept[layer.id] = QPersistentModelIndex(model.index_of(layer))
            continue
        assert persistent.isValid()
        assert persistent.internalId() == layer.id
        assert persistent.row() == cfg.children_of(layer.parent).index(layer)
        assert persistent.parent() == model.index_of(layer.parent)


def _ancestors(layer: Layer) -> list[Layer]:
    found: list[Layer] = []
    node: Layer | None = layer
    while node is not None:
        found.append(node)
        node = node.parent
    return found


@settings(max_examples=30)
@given(ops=OPS)
def test_random_edits_keep_model_and_store_in_step(qapp: QApplication, ops: list) -> None:  # type: ignore[type-arg]
    database = open_memory_database()
    try:
        with database.session() as session:
            configurator_id = repository.insert_configurator(session, controller())
        document = Document(database)
        stack = QUndoStack()
        model = LayerTreeModel(document, stack)
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(model)
        proxy.setRecursiveFilteringEnabled(True)
        tester = QAbstractItemModelTester(
            model, QAbstractItemModelTester.FailureReportingMode.Warning
        )
        proxy_tester = QAbstractItemModelTester(
            proxy, QAbstractItemModelTester.FailureReportingMode.Warning
        )
        document.open_configurator(configurator_id)
        kept: dict[int, QPersistentModelIndex] = {}
        _check_persistent(document, model, kept)
        for op in ops:
            _apply(document, stack, op)
            _check_persistent(document, model, kept)
            cfg = document.configurator
            assert cfg is not None
            expected = _domain(cfg.layers)
            assert _shape(model) == expected
            assert _shape(proxy) == expected
        with database.session() as session:
            stored = repository.load_configurator(session, configurator_id)
        assert _domain(stored.layers) == _domain(document.configurator.layers)  # type: ignore[union-attr]
        del tester, proxy_tester
    finally:
        database.close()
