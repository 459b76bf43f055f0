#pragma once
// A conversation run's "Turns" tab (scenario "conversation"; docs/metrics.md, "Conversations"):
// TTFT p50 and p95 by turn number as a chart, beside the table the text summary and the HTML report
// print (report/turntable.h), live from each snapshot. GUI thread only.

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
    QValueAxis *m_x;
    QValueAxis *m_y;
    QTableWidget *m_table;
};

} // namespace stampede::ui
