#pragma once
// Extra request headers as a table with "Add header" and "Remove" beside it: target.headers on the
// Target page, direct_target.headers on the Gateway page. The page binds view() to its model and
// calls refreshButtons() from its refreshEnabled(). GUI thread only.

#include <QWidget>

class QPushButton;
class QTableView;

namespace stampede::ui::editor {

class HeaderTableModel;

class HeaderTableBox : public QWidget
{
    Q_OBJECT
public:
    /// The children's objectNames, which tests find them by.
    struct Names {
        QString view;
        QString add;
        QString remove;
    };
    /// `model` is not owned; the table is `minHeight` to `maxHeight` pixels tall.
    HeaderTableBox(HeaderTableModel *model, const Names &names, int minHeight, int maxHeight, QWidget *parent);

    QTableView *view() const { return m_view; }
    QPushButton *addButton() const { return m_add; }
    /// "Remove" needs a selected row and an enabled "Add" (the page disables that while locked or off).
    void refreshButtons();

private:
    HeaderTableModel *m_model;
    QTableView *m_view;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace stampede::ui::editor
