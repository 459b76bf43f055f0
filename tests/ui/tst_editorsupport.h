#pragma once
// Shared by the scenario editor's tests: find a field by objectName, bring its tab to the front, type
// into a line edit or a table cell as a user would.

#include <QAbstractItemView>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTabWidget>
#include <QtTest/QTest>

namespace stampede::test {

template <typename T> inline T *find(const QObject *root, const char *name)
{
    return root->findChild<T *>(QLatin1StringView(name));
}

/// Brings the editor tab holding `widget` to the front, as a user clicks the tab before using a field.
inline void reveal(QWidget *widget)
{
    for (QWidget *w = widget; w && w->parentWidget(); w = w->parentWidget()) {
        auto *stack = qobject_cast<QStackedWidget *>(w->parentWidget());
        if (auto *tabs = stack ? qobject_cast<QTabWidget *>(stack->parentWidget()) : nullptr)
            tabs->setCurrentWidget(w);
    }
}

/// Opens the cell's editor like a double-click, replaces its text by typing, and (if `commit`) presses Enter.
inline QLineEdit *typeIntoCell(
    QAbstractItemView *view, const QModelIndex &index, const QString &text, bool commit = true)
{
    reveal(view);
    view->setCurrentIndex(index);
    if (!view->indexWidget(index)) // "Add" may have opened it already
        view->edit(index);
    QWidget *editor = view->indexWidget(index);
    auto *line = qobject_cast<QLineEdit *>(editor);
    if (!line && editor)
        line = editor->findChild<QLineEdit *>(); // a spin box's line edit
    if (!line)
        return nullptr;
    line->selectAll();
    QTest::keyClicks(line, text);
    if (commit) {
        QTest::keyClick(line, Qt::Key_Return);
        // The delegate commits and closes the editor from a queued call, after the key event.
        if (!QTest::qWaitFor([view, index] { return view->indexWidget(index) == nullptr; }, 5000))
            return nullptr;
    }
    return line;
}

inline void replaceText(QLineEdit *edit, const QString &text)
{
    reveal(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

} // namespace stampede::test
