#pragma once
// Run ▸ Compare Runs…: two or more runs of the Runs panel side by side, the oldest as the baseline
// (report::compareRuns, the same figures, deltas and significance hint as `stampede compare`),
// one group at a time (all models, or a model), with the groups' latency CDFs overlaid.
// GUI thread only.

#include "report/compare.h"

#include <QDialog>

class QChartView;
class QComboBox;
class QLabel;
class QTableWidget;

namespace stampede::ui {

class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    /// `runs` in any order: they are sorted by start time, the oldest is the baseline.
    CompareDialog(QList<report::ComparedRun> runs, QWidget *parent = nullptr);

    const report::Comparison &comparison() const { return m_comparison; }
    /// Shows group `index` of comparison().groups (0: all models).
    void showGroup(int index);
    /// Writes the comparison as one offline HTML page; an empty string on success, else the error.
    QString saveHtml(const QString &path) const;

private:
    void fillTable(const report::CompareGroup &group);
    void fillChart(const report::CompareGroup &group);
    void chooseHtmlFile();

    report::Comparison m_comparison;
    QComboBox *m_group = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_hint = nullptr;
    QChartView *m_chart = nullptr;
};

} // namespace stampede::ui
