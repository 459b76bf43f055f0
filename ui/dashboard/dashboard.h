#pragma once
// The live dashboard: big numbers, charts (latency percentiles, throughput, errors by class,
// VUs / in flight, TTFT per model, with threshold lines), the per-model results table, threshold
// status and grouped failures. Fed with immutable values on the GUI thread; redraws once per
// snapshot (QXYSeries::replace), never per point.

#include "metrics/stats.h"
#include "report/runmeta.h"

#include <QWidget>

namespace stampede::ui {

class Dashboard : public QWidget
{
    Q_OBJECT
public:
    explicit Dashboard(QWidget *parent = nullptr);
    ~Dashboard() override;

    void beginRun(const report::RunMeta &info); ///< clears everything, sets the planned series
    /// Numbers and tables at once; the charts, when the snapshot brings new seconds, one chart per
    /// event-loop pass (chartsPending() until done), so that no single pass blocks the GUI thread
    /// for the cost of all five.
    void applySnapshot(const metrics::Snapshot &snapshot);
    bool chartsPending() const;
    /// Refreshes the charts still pending now (finishRun() and showRun() do this themselves).
    void flushCharts();
    void finishRun(const metrics::RunSummary &summary); ///< final numbers; charts stay browsable
    /// Shows a finished run again (from the session's run list): charts rebuilt from its history.
    void showRun(const report::RunMeta &info, const metrics::RunSummary &summary);
    void clear();
    /// A finished run to compare the shown one with (`summary` nullptr: none): its series as faint
    /// dashed lines on every chart, and each figure's change in the results table. beginRun() and
    /// showRun() drop it: the caller sets the baseline of the run it begins or shows.
    void setBaseline(const QString &label, const metrics::RunSummary *summary);
    QString baselineLabel() const; ///< empty: no baseline

    /// Full-screen demo layout: larger fonts, big numbers and the main charts only.
    void setPresentationMode(bool on);
    bool presentationMode() const;
    /// The per-model results table as tab-separated text (what "Copy" puts on the clipboard).
    QString resultsTableText() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Private;
    Private *d;
};

} // namespace stampede::ui
