"""The area tree's item model: "Semua wilayah" › provinsi › kabupaten/kota › kecamatan › desa ›
TPS, with rows made only for what the officer opens.

At 1,000,000 voters the store holds some 3,600 TPS. Making an item for each of them at unlock
took the GUI thread 28 ms unloaded, 35-110 ms on a busy machine and 330-680 ms on a starved one
(issue 12 §8, docs/performance.md "The lazy area tree"). Here a
region's rows are made when it is first expanded (Qt's canFetchMore/fetchMore), and the tree's
shape and totals come ready from the database worker (``AreaTree``), so unlock makes a few dozen
items: the top rows and the way down to the area the officer had chosen.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.store.voter_queries import AreaTree
from desktop_app.ui.qt import (
    QLocale,
    QModelIndex,
    QStandardItem,
    QStandardItemModel,
    Qt,
    translate,
)

AREA_ROLE = Qt.ItemDataRole.UserRole + 1
TOTAL_ROLE = AREA_ROLE + 1


class AreaTreeModel(QStandardItemModel):
    """Items of an ``AreaTree``; a region's children are made the first time it is expanded."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tree: AreaTree | None = None
        # Items made so far, by area code (region code or TPS id).
        self.items: dict[str, QStandardItem] = {}
        # Regions whose item exists but whose children have no items yet.
        self._unbuilt: set[str] = set()
        self._locale = QLocale()

    # -- building ---------------------------------------------------------------------------------
    def rebuild(
        self, tree: AreaTree, area: str | None, opened: Iterable[str] = ()
    ) -> QStandardItem:
        """Replace the rows with ``tree``'s top rows, the way down to ``area`` and the rows of
        each region in ``opened`` (the regions the officer had open); an opened region
        ``tree`` no longer has is left out.

        Built detached and attached in one insert: items added to a shown model each signal the
        view, which alone cost ~100 ms at 3,600 TPS before the tree was lazy."""
        self.clear()
        self.items.clear()
        self._unbuilt.clear()
        self.tree = tree
        self._locale = QLocale()
        # The rows' words keep the context they had when the selector made the rows itself.
        everything = translate("AreaSelector", "Semua wilayah (%1)")
        root = QStandardItem(everything.replace("%1", self._locale.toString(tree.total(None))))
        root.setData(None, AREA_ROLE)
        root.setData(tree.total(None), TOTAL_ROLE)
        self._fill(root, None)
        if area:
            for code in tree.path(area):
                self._fill(self.items[code], code)
        for region in opened:
            if tree.knows(region) and tree.summary(region) is None:
                for code in (*tree.path(region), region):
                    self._fill(self.items[code], code)
        self.appendRow(root)
        return root

    def made_regions(self) -> list[QStandardItem]:
        """The region items made so far, top first: the only rows an officer can have opened."""
        return [
            item for code, item in self.items.items() if self.tree and not self.tree.summary(code)
        ]

    def item_for(self, area: str) -> QStandardItem | None:
        """The item of ``area``, making the rows on the way down to it; None if not in the tree."""
        if self.tree is None or not self.tree.knows(area):
            return None
        for code in self.tree.path(area):
            self._fill(self.items[code], code)
        return self.items.get(area)

    def _fill(self, item: QStandardItem, area: str | None) -> None:
        if area is not None and area not in self._unbuilt:
            return
        self._unbuilt.discard(area)
        assert self.tree is not None
        # One appendRows: a shown model signals the view once for the whole level.
        item.appendRows([self._make(code) for code in self.tree.children(area)])

    def _make(self, code: str) -> QStandardItem:
        assert self.tree is not None
        total = self.tree.total(code)
        tps = self.tree.summary(code)
        if tps is None:
            item = QStandardItem(self.tree.name(code))
            # Region rows show the total of every TPS below them.
            if code.count(".") < 4:
                item.setText(f"{item.text()} ({self._locale.toString(total)})")
            if self.tree.children(code):
                self._unbuilt.add(code)
        else:
            item = QStandardItem(
                translate("AreaSelector", "TPS %1 · %2")
                .replace("%1", f"{tps.nomor:03d}")
                .replace("%2", self._locale.toString(total))
            )
        item.setData(code, AREA_ROLE)
        item.setData(total, TOTAL_ROLE)
        item.setToolTip(code)
        self.items[code] = item
        return item

    # -- Qt's lazy-population protocol ------------------------------------------------------------
    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        # An unopened region still shows its expand arrow.
        if parent.isValid() and parent.data(AREA_ROLE) in self._unbuilt:
            return True
        return super().hasChildren(parent)

    def canFetchMore(self, parent: QModelIndex) -> bool:
        return parent.isValid() and parent.data(AREA_ROLE) in self._unbuilt

    def fetchMore(self, parent: QModelIndex) -> None:
        if not parent.isValid():
            return
        area = parent.data(AREA_ROLE)
        if area in self._unbuilt:
            self._fill(self.itemFromIndex(parent), area)
