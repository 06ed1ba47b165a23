"""The paper printed forms go on (A4 or F4/Folio), one desk setting shared by the reports window
and the recruitment receipt: an office that prints on Folio chooses it once."""

from __future__ import annotations

from desktop_app.reports.paper import PaperSize
from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import QComboBox, Qt, QWidget


class PaperChoice(QComboBox):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paperChoice")
        self._ctx = ctx
        self.setToolTip(self.tr("Ukuran kertas untuk PDF yang dicetak"))
        for index, paper in enumerate(PaperSize):
            self.addItem(paper.caption, paper.value)
            self.setItemData(index, paper.dimensions, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(max(0, self.findData(PaperSize.of(ctx.settings.paper_size).value)))
        self.currentIndexChanged.connect(self._chosen)

    @property
    def paper(self) -> PaperSize:
        return PaperSize.of(self.currentData())

    def _chosen(self, _index: int) -> None:
        self._ctx.settings.paper_size = self.paper.value
        self._ctx.settings.save_quietly(self._ctx.data_dir)
