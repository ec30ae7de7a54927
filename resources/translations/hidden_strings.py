"""Strings lupdate cannot find on its own, listed for it (``make translations`` scans this file).

``flashcards/gui/browser/model.py`` translates through a helper, ``_tr(text)`` calling
``QCoreApplication.translate("CardTableModel", text)``; lupdate only sees literal ``translate()``
and ``tr()`` calls. Delete an entry once its source calls ``translate()`` literally. Never imported.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

CARD_TABLE_MODEL = [
    QT_TRANSLATE_NOOP("CardTableModel", "Prompt"),
    QT_TRANSLATE_NOOP("CardTableModel", "Card"),
    QT_TRANSLATE_NOOP("CardTableModel", "Deck"),
    QT_TRANSLATE_NOOP("CardTableModel", "State"),
    QT_TRANSLATE_NOOP("CardTableModel", "Due"),
    QT_TRANSLATE_NOOP("CardTableModel", "Interval"),
    QT_TRANSLATE_NOOP("CardTableModel", "Ease"),
    QT_TRANSLATE_NOOP("CardTableModel", "Reviews"),
    QT_TRANSLATE_NOOP("CardTableModel", "New"),
    QT_TRANSLATE_NOOP("CardTableModel", "Learning"),
    QT_TRANSLATE_NOOP("CardTableModel", "Scheduled"),
    QT_TRANSLATE_NOOP("CardTableModel", "Suspended"),
    QT_TRANSLATE_NOOP("CardTableModel", "Buried"),
    QT_TRANSLATE_NOOP("CardTableModel", "Retired"),
    QT_TRANSLATE_NOOP("CardTableModel", "Cloze %1"),
    QT_TRANSLATE_NOOP("CardTableModel", "Reverse"),
    QT_TRANSLATE_NOOP("CardTableModel", "Basic"),
    QT_TRANSLATE_NOOP("CardTableModel", "%1 d"),
]
