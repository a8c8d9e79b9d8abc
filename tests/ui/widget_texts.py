"""What a window shows in words, and whether each fits: the walk behind the translation checks.

`Walk.window(label, widget)` visits every widget of a window (and `Walk.menu` a menu with its
submenus) and records each text a person reads: labels, buttons, check boxes, group box
titles, tab texts, table headers and cells, list and combo items, placeholders, tooltips,
window titles, menu entries. `Walk.text` takes words that are not in a widget (a tray
tooltip, a notification, a painted legend).

For the widgets whose text must fit on one line (buttons, labels without word wrap, check
boxes, group box titles, tab texts, table headers, combo items, placeholders, menu entries)
it measures the text with the widget's own font metrics (QFontMetrics.horizontalAdvance)
and the room the style leaves for it, and records both widths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6 import QtGui
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QStyleOptionGroupBox,
    QStyleOptionMenuItem,
    QTabWidget,
    QToolButton,
    QWidget,
)

_TAG = re.compile(r"<[^>]*>")  # rich text's tags (no nesting inside a tag: linear)
LINE_EDIT_MARGIN_PX = 2  # QLineEdit's own horizontal margin around its text (qlineedit_p.h)
ELIDE_SLACK_PX = 1
FORM_GAP_PX = 4  # at least this much between a form's label and its field
MAX_CELL_ROWS = 400  # table rows read per view: a demo day has a few dozen


@dataclass(frozen=True, slots=True)
class Shown:
    """One text on screen: where (window › widget), what kind of text, and the text."""

    where: str
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Fit:
    """A one-line text and its room: `needed` px (text and the style's padding), `width` px."""

    where: str
    text: str
    needed: int
    width: int

    @property
    def fits(self) -> bool:
        return self.needed <= self.width


def plain(text: str) -> str:
    """A widget's text as read: without rich-text tags, entities and mnemonic ampersands."""
    text = _TAG.sub(" ", text)
    text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<")
    text = text.replace("&gt;", ">").replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def advance(widget: QWidget, text: str) -> int:
    metrics = QFontMetrics(widget.font())
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def name_of(widget: QWidget) -> str:
    kind = type(widget).__name__
    name = widget.objectName()
    return f"{kind}#{name}" if name and not name.startswith("qt_") else kind


@dataclass
class Walk:
    """Every text seen and every one-line text measured, across the windows walked."""

    shown: list[Shown] = field(default_factory=list)
    fits: list[Fit] = field(default_factory=list)
    _measuring: bool = True  # the widget being read is on screen: its texts are measured too

    def text(self, where: str, kind: str, text: str) -> None:
        cleaned = plain(text)
        if cleaned:
            self.shown.append(Shown(where, kind, cleaned))

    def fit(self, where: str, text: str, needed: int, width: int) -> None:
        if plain(text) and self._measuring:
            self.fits.append(Fit(where, plain(text), needed, width))

    # ---- windows -------------------------------------------------------------------------------

    def window(self, label: str, window: QWidget) -> None:
        """The window as it is on screen now (shown, its layout settled): every widget's words
        (hidden ones too: a problem shows later), the ones on screen measured."""
        self.text(f"{label} › window title", "window title", window.windowTitle())
        screen = window.screen().availableGeometry()
        self.fit(
            f"{label} › window width", window.windowTitle() or label, window.width(), screen.width()
        )
        self.fit(
            f"{label} › window height",
            window.windowTitle() or label,
            window.height(),
            screen.height(),
        )
        for widget in [window, *window.findChildren(QWidget)]:
            self._measuring = widget is window or widget.isVisibleTo(window)
            try:
                self._widget(f"{label} › {name_of(widget)}", widget)
            finally:
                self._measuring = True
        for form in window.findChildren(QFormLayout):
            self._form(label, window, form)

    def _widget(self, where: str, widget: QWidget) -> None:
        if widget.toolTip():
            self.text(where, "tooltip", widget.toolTip())
        if isinstance(widget, QLabel):
            self._label(where, widget)
        elif isinstance(widget, QAbstractButton):
            self._button(where, widget)
        elif isinstance(widget, QGroupBox):
            self._group(where, widget)
        elif isinstance(widget, QTabWidget):
            self._tabs(where, widget)
        elif isinstance(widget, QComboBox):
            self._combo(where, widget)
        elif isinstance(widget, QLineEdit):
            self._line(where, widget)
        elif isinstance(widget, QPlainTextEdit):
            self.text(where, "placeholder", widget.placeholderText())
        elif isinstance(widget, QSpinBox):
            self.text(where, "suffix", widget.suffix())
        elif isinstance(widget, QHeaderView):
            self._header(where, widget)
        elif isinstance(widget, QListWidget):
            for row in range(widget.count()):
                self.text(where, "list item", widget.item(row).text())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            self._cells(where, widget)
        if isinstance(widget, QAbstractSpinBox) and not isinstance(widget, QSpinBox):
            self.text(where, "shown value", widget.text())  # a date edit: its month names

    def _form(self, label: str, window: QWidget, form: QFormLayout) -> None:
        """A form's labels keep a gap from their fields (their room ends where the field starts)."""
        for row in range(form.rowCount()):
            name = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            tag = name.widget() if name is not None else None
            if not isinstance(tag, QLabel) or field is None or not tag.isVisibleTo(window):
                continue
            room = field.geometry().left() - tag.geometry().left()
            needed = advance(tag, plain(tag.text())) + FORM_GAP_PX
            self.fit(f"{label} › form label", tag.text(), needed, room)

    def _label(self, where: str, label: QLabel) -> None:
        text = label.text()
        self.text(where, "label", text)
        if label.wordWrap() or not plain(text) or label.textFormat() == Qt.TextFormat.RichText:
            return
        if QtGui.Qt.mightBeRichText(text) and label.textFormat() != Qt.TextFormat.PlainText:
            return
        room = label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0)
        self.fit(where, text, advance(label, text), room)

    def _button(self, where: str, button: QAbstractButton) -> None:
        text = button.text()
        self.text(where, "button", text)
        if not isinstance(button, QPushButton | QCheckBox) or not plain(text):
            return
        style = button.style()
        option = QStyleOptionButton()
        button.initStyleOption(option)  # type: ignore[attr-defined]
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(button, QCheckBox)
            else QStyle.SubElement.SE_PushButtonContents
        )
        room = style.subElementRect(element, option, button).width()
        if isinstance(button, QPushButton) and not button.icon().isNull():
            room -= button.iconSize().width() + 4
        padding = button.width() - room
        self.fit(where, text, advance(button, plain(text)) + padding, button.width())

    def _group(self, where: str, box: QGroupBox) -> None:
        self.text(where, "group title", box.title())
        if not box.title():
            return
        option = QStyleOptionGroupBox()
        box.initStyleOption(option)  # type: ignore[attr-defined]
        label = box.style().subControlRect(
            QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, box
        )
        # The title starts this far in and needs the same room at the other end.
        inset = max(label.left(), 0)
        self.fit(where, box.title(), advance(box, plain(box.title())) + 2 * inset, box.width())

    def _tabs(self, where: str, tabs: QTabWidget) -> None:
        bar = tabs.tabBar()
        for index in range(tabs.count()):
            text = tabs.tabText(index)
            self.text(f"{where} tab {index}", "tab", text)
            rect = bar.tabRect(index)
            shown = rect.intersected(bar.rect()).width()  # a tab scrolled away shows less
            self.fit(f"{where} tab {index}", text, advance(bar, plain(text)), shown)

    def _combo(self, where: str, combo: QComboBox) -> None:
        if combo.lineEdit() is not None:
            self.text(where, "placeholder", combo.lineEdit().placeholderText())
        for index in range(combo.count()):
            self.text(f"{where} item {index}", "combo item", combo.itemText(index))
        elides = (
            combo.sizeAdjustPolicy()
            == QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        if combo.isEditable() or not self._measuring:
            return  # typed names: whatever is typed scrolls in the field
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)  # type: ignore[attr-defined]
        room = (
            combo.style()
            .subControlRect(
                QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField
            )
            .width()
        )
        # A combo made to cut long names (countries) shows its current one; others any item.
        shown = [combo.currentIndex()] if elides else range(combo.count())
        for index in shown:
            text = combo.itemText(index)
            self.fit(f"{where} item {index}", text, advance(combo, plain(text)), room)

    def _line(self, where: str, line: QLineEdit) -> None:
        text = line.placeholderText()
        self.text(where, "placeholder", text)
        if not text or line.text():
            return
        option = QStyleOptionFrame()
        line.initStyleOption(option)  # type: ignore[attr-defined]
        contents = line.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, line)
        margins = line.textMargins()
        right = contents.right() - margins.right()
        for button in line.findChildren(QToolButton):  # the clear button keeps its room
            if line.isClearButtonEnabled():
                right = min(right, button.geometry().left() - 1)
        room = right - contents.left() - margins.left() + 1 - 2 * LINE_EDIT_MARGIN_PX
        # elidedText works in fractions of a pixel: a text exactly as wide as the room is cut
        needed = advance(line, text) + ELIDE_SLACK_PX + line.width() - room
        self.fit(where, text, needed, line.width())

    def _header(self, where: str, header: QHeaderView) -> None:
        model = header.model()
        if model is None or header.orientation() != Qt.Orientation.Horizontal:
            return
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        for section in range(model.columnCount()):
            if header.isSectionHidden(section):
                continue
            text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            self.text(f"{where} column {section}", "table header", text)
            self.fit(
                f"{where} column {section}",
                text,
                advance(header, text) + 2 * margin,
                header.sectionSize(section),
            )

    def _cells(self, where: str, view: QAbstractItemView) -> None:
        model = view.model()
        root = view.rootIndex()
        for row in range(min(model.rowCount(root), MAX_CELL_ROWS)):
            for column in range(model.columnCount(root)):
                index = model.index(row, column, root)
                for role, kind in (
                    (Qt.ItemDataRole.DisplayRole, "cell"),
                    (Qt.ItemDataRole.ToolTipRole, "cell tooltip"),
                ):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        self.text(f"{where} row {row} column {column}", kind, value)

    # ---- menus ---------------------------------------------------------------------------------

    def menu(self, label: str, menu: QMenu) -> None:
        """A menu as it pops up (call while it is open), and each submenu the same way."""
        style = menu.style()
        panel = 2 * (
            style.pixelMetric(QStyle.PixelMetric.PM_MenuPanelWidth, None, menu)
            + style.pixelMetric(QStyle.PixelMetric.PM_MenuHMargin, None, menu)
        )
        for action in menu.actions():
            if action.isSeparator():
                continue
            where = f"{label} › {action.objectName() or 'entry'}"
            self.text(where, "menu entry", action.text())
            if action.toolTip() != plain(action.text()):
                self.text(where, "tooltip", action.toolTip())
            option = QStyleOptionMenuItem()
            menu.initStyleOption(option, action)  # type: ignore[attr-defined]
            metrics = QFontMetrics(option.font)
            wanted = style.sizeFromContents(
                QStyle.ContentsType.CT_MenuItem,
                option,
                QSize(metrics.horizontalAdvance(plain(action.text())), metrics.height()),
                menu,
            )
            self.fit(where, action.text(), wanted.width() + panel, menu.width())
