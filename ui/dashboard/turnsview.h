#pragma once
// A conversation run's "Turns" tab (scenario "conversation"; docs/metrics.md, "Conversations"):
// TTFT p50 and p95 by turn number as a chart, beside the table the text summary and the HTML report
// print (report/turntable.h), live from each snapshot. A run with shared prefixes (prompts.
// shared_prefix) adds the requests with one against those without, the report's table; a run with
// shared prefixes and no conversation shows only that. GUI thread only.

#include "metrics/stats.h"

#include <QWidget>

class QChart;
class QTableWidget;
class QValueAxis;

namespace stampede::ui {

class TurnsView : public QWidget
{
    Q_OBJECT
public:
    explicit TurnsView(QWidget *parent = nullptr);

    /// The run's groups so far: the table and the chart show `overall`'s turns (and each model's
    /// p50 when there are several models).
    void setStats(const metrics::GroupStats &overall, const QList<metrics::GroupStats> &models);
    void clear();

private:
    QChart *m_chart;
    QWidget *m_chartView;
    QValueAxis *m_x;
    QValueAxis *m_y;
    QTableWidget *m_table;
    QTableWidget *m_prefixTable; ///< with vs without a shared prefix; hidden without them
};

} // namespace stampede::ui
