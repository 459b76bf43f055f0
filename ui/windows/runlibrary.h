#pragma once
// What the Runs panel does with the runs it lists besides showing one: filter them (by name, tag,
// target, verdict, folder), select two or more and compare them (Run ▸ Compare Selected Runs…,
// CompareDialog), tag them ("gateway A"; the folder's tags.json), reveal a run's folder, delete
// runs (their folders go to the trash). The actions sit in the Run menu and the panel's context
// menu, enabled by the selection. GUI thread only.

#include <QObject>
#include <QStringList>

class QAction;
class QLineEdit;
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
    struct Parts {
        QListView *list; ///< shows `proxy` over `runs`
        QLineEdit *filter; ///< the filter box above the list
        QSortFilterProxyModel *proxy;
        RunListModel *runs;
        QMenu *runMenu; ///< the actions are added here and to the list's context menu
    };
    RunLibrary(QWidget *window, const Parts &parts);

    /// Opens the comparison of the selected finished runs (two or more); nullptr when fewer.
    CompareDialog *compareSelected();
    /// Sets the tags of every selected recorded run ("a, b"; empty clears); the first error, or "".
    QString tagSelected(const QString &text);
    /// Moves the selected runs' folders to the trash and drops them from the list (refused while a
    /// run goes); `confirm` asks first. Returns how many were deleted.
    int deleteSelected(bool confirm);

private:
    QList<int> selectedRows() const; ///< rows of `runs`, in the list's order
    QList<int> selectedFinishedRows() const;
    void updateActions();
    void revealSelected();
    void askTags();

    QWidget *m_window;
    Parts m_parts;
    QAction *m_compare = nullptr;
    QAction *m_tag = nullptr;
    QAction *m_reveal = nullptr;
    QAction *m_delete = nullptr;
};

} // namespace stampede::ui
