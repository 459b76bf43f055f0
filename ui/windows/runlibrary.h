#pragma once
// What the Runs panel does with the runs it lists besides showing one: select two or more and
// compare them (Run ▸ Compare Selected Runs…, CompareDialog), reveal a run's folder in the file
// manager. The actions sit in the Run menu and the panel's context menu; they are enabled by the
// selection. GUI thread only.

#include <QObject>

class QAction;
class QListView;
class QMenu;
class QSortFilterProxyModel;
class QWidget;

namespace stampede::ui {

class CompareDialog;
class RunListModel;

class RunLibrary : public QObject
{
    Q_OBJECT
public:
    /// `list` shows `proxy` over `runs`; the actions are added to `runMenu` and to the list.
    RunLibrary(QWidget *window, QListView *list, QSortFilterProxyModel *proxy, RunListModel *runs, QMenu *runMenu);

    /// Opens the comparison of the selected finished runs (two or more); nullptr when fewer.
    CompareDialog *compareSelected();

private:
    QList<int> selectedFinishedRows() const; ///< rows of `runs`, in the list's order
    void updateActions();
    void revealSelected();

    QWidget *m_window;
    QListView *m_list;
    QSortFilterProxyModel *m_proxy;
    RunListModel *m_runs;
    QAction *m_compare = nullptr;
    QAction *m_reveal = nullptr;
};

} // namespace stampede::ui
