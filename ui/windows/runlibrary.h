#pragma once
// What the Runs panel does with the runs it lists besides showing one: filter them (by name, tag,
// target, verdict, folder), select two or more and compare them (Run ▸ Compare Selected Runs…,
// CompareDialog), tag them ("gateway A"; the folder's tags.json), reveal a run's folder, delete
// runs (their folders go to the trash), sort them, and mark a run as its scenario's baseline (the
// dashboard draws the scenario's runs against it; remembered across restarts in QSettings
// "baselines/<scenario name>"). The actions sit in the Run menu and the panel's context menu,
// enabled by the selection. GUI thread only.

#include <QObject>
#include <QStringList>

class QAction;
class QComboBox;
class QLineEdit;
class QListView;
class QMenu;
class QSortFilterProxyModel;
class QWidget;

namespace stampede::ui {

class CompareDialog;
class RunListModel;
struct SessionRun;

class RunLibrary : public QObject
{
    Q_OBJECT
public:
    struct Parts {
        QListView *list; ///< shows `proxy` over `runs`
        QLineEdit *filter; ///< the filter box above the list
        QComboBox *sort; ///< beside the filter: newest, oldest, name, p95, requests, verdict
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

    /// Marks the selected finished, recorded run as the baseline of its scenario; false if none.
    bool useSelectedAsBaseline();
    /// Forgets the baseline of the selected run's scenario.
    void clearSelectedBaseline();
    /// The row of the baseline the run at `row` is drawn against: its scenario's baseline, when
    /// listed, finished and not the run itself; -1 otherwise.
    int baselineRowFor(int row) const;
    /// How a run is named in the comparison and on the charts: "#3 Seed mix", or its folder's name.
    static QString runLabel(const SessionRun &run);
    /// How the charts' header names a baseline run (always of the same scenario): "#3 · 14:02" for
    /// this session's, "Dec 4 14:02" for an earlier one, with its tags.
    static QString baselineLabel(const SessionRun &run);

    /// Sorts the list by the combo's item `index` (0 newest first … 5 verdict); remembered.
    void sortBy(int index);

Q_SIGNALS:
    /// A scenario's baseline was set or cleared.
    void baselineChanged();

private:
    QList<int> selectedRows() const; ///< rows of `runs`, in the list's order
    QList<int> selectedFinishedRows() const;
    void updateActions();
    void revealSelected();
    void askTags();
    void setupSort();
    void setupBaselineActions();
    QString baselineFolder(const QString &scenarioName) const;
    void publishBaselines();

    QWidget *m_window;
    Parts m_parts;
    QAction *m_compare = nullptr;
    QAction *m_tag = nullptr;
    QAction *m_reveal = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_useBaseline = nullptr;
    QAction *m_clearBaseline = nullptr;
};

} // namespace stampede::ui
