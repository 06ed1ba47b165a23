"""The area and TPS selector: provinsi › kabupaten/kota › kecamatan › desa › TPS, with the number
of voters in each, and "Semua wilayah" on top. Emits the chosen area code (a region code, a TPS
id, or None for everything)."""

from __future__ import annotations

from desktop_app.store.voter_queries import AreaTree
from desktop_app.ui import voter_ops
from desktop_app.ui.area_model import AREA_ROLE, AreaTreeModel
from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPoint,
    QTreeView,
    QVBoxLayout,
    QWidget,
    Signal,
)


class AreaSelector(QWidget):
    area_selected = Signal(object)  # str | None
    loaded = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._pending_select: str | None = None
        self.tree_data: AreaTree | None = None
        self._announced = False
        self._announced_area: str | None = None
        self._keep_all = False

        self.model = AreaTreeModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        # Long kabupaten names scroll sideways instead of being cut off.
        self.view.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.header().setStretchLastSection(False)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName(self.tr("Wilayah dan TPS"))
        title = QLabel(self.tr("&Wilayah dan TPS"), self)
        title.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.view)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.expanded.connect(self._opened)

    # -- loading ----------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        """Fetch the tree; afterwards select ``select`` (or keep the current selection)."""
        self._pending_select = select if select is not None else self.current_area()
        # "Semua wilayah" is a choice too (stored as ""): a rebuild or a new session keeps it
        # rather than jumping to the first TPS.
        keeps_all = select is None and self._announced and self._announced_area is None
        self._keep_all = select == "" or keeps_all
        self._ctx.read(voter_ops.area_tree(), self._show, owner=self)

    def _show(self, tree: AreaTree) -> None:
        self.tree_data = tree
        # Rebuilding the tree (after a TMS-8 or a new voter) must not look like a new choice:
        # the list would reload and the officer would lose their place in it.
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        target = self._pending_select
        if not self._keep_all and (target is None or not tree.knows(target)):
            target = tree.tps[0].tps_id if tree.tps else None
        # An officer working through a desa's TPS keeps the regions they opened and the rows
        # they were looking at; a region the new tree no longer has is simply dropped.
        opened = self._opened_regions()
        top = self._top_row()
        previous = self.current_area()
        # Only the top rows, the way down to the chosen area and the opened regions are made
        # now; the rest when the officer opens a region (area_model).
        root = self.model.rebuild(tree, target, opened)
        self.view.expand(root.index())
        for code in opened:
            item = self.model.items.get(code)
            if item is not None:
                self.view.expand(item.index())
        self.select_area(target)
        self._restore_top_row(top, keep_in_view=target != previous)
        selection.blockSignals(False)
        if not self._announced or target != self._announced_area:
            self._announce(target)
        self.loaded.emit()

    def _opened_regions(self) -> list[str]:
        """The regions open in the view, top first (only made rows can be open)."""
        return [
            item.data(AREA_ROLE)
            for item in self.model.made_regions()
            if self.view.isExpanded(item.index())
        ]

    def _top_row(self) -> tuple[bool, str | None]:
        """Whether a row sits at the top of the view, and its area ("Semua wilayah": None)."""
        index = self.view.indexAt(QPoint(0, 0))
        return index.isValid(), index.data(AREA_ROLE) if index.isValid() else None

    def _restore_top_row(self, top: tuple[bool, str | None], keep_in_view: bool) -> None:
        shown, area = top
        item = (self.model.item_for(area) if area else self.model.item(0)) if shown else None
        if item is None:
            return
        self.view.scrollTo(item.index(), QAbstractItemView.ScrollHint.PositionAtTop)
        # A new choice (a voter added in another TPS) must be seen; an unchanged one stays
        # where the officer had scrolled it, in view or not.
        if keep_in_view:
            self.view.scrollTo(self.view.currentIndex())

    # -- selection --------------------------------------------------------------------------------
    def select_area(self, area: str | None) -> None:
        item = self.model.item_for(area) if area else self.model.item(0)
        if item is None:
            return
        index = item.index()
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def current_area(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(AREA_ROLE) if index.isValid() else None

    def area_name(self, area: str | None) -> str:
        if not area:
            return self.tr("Semua wilayah")
        if self.tree_data is None:
            return area
        if area.count(".") == 4:
            desa, nomor = area.rsplit(".", 1)
            return (
                self.tr("TPS %1, %2").replace("%1", nomor).replace("%2", self.tree_data.name(desa))
            )
        return self.tree_data.name(area)

    def _opened(self, index) -> None:
        # The view makes an opened region's rows at its next layout; "*" (open everything
        # below) walks the rows at once, so they must exist as soon as a region opens.
        if self.model.canFetchMore(index):
            self.model.fetchMore(index)

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self._announce(current.data(AREA_ROLE))

    def _announce(self, area: str | None) -> None:
        self._announced = True
        self._announced_area = area
        self.area_selected.emit(area)
