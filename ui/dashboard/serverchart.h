#pragma once
// The gateway's own figures (scenario "server_metrics") over the run's time, beside Stampede's charts:
// one line per polled series (chart/serverlines.h, the lines the HTML report draws too), x in seconds
// since the run's start like the other charts, and a caption with the endpoint, the scrape interval
// and the errors. Shown only when the scenario polls server metrics. GUI thread only.

#include "metrics/servermetrics.h"

#include <QHash>
#include <QWidget>

class QChart;
class QLineSeries;
class QValueAxis;
class QLabel;

namespace stampede::ui {

class ServerChart : public QWidget
{
    Q_OBJECT
public:
    explicit ServerChart(QWidget *parent = nullptr);

    /// Everything polled so far; redraws only when a scrape was added.
    void setMetrics(const metrics::ServerMetrics &metrics);
    void clear();

    QChart *chart() const { return m_chart; }
    /// The line of series `name` of `kind`, or nullptr.
    QLineSeries *series(const QString &name, const QString &kind) const;
    QString caption() const;

private:
    QChart *m_chart;
    QValueAxis *m_x;
    QValueAxis *m_y;
    QLabel *m_caption;
    QHash<QString, QLineSeries *> m_series;
    std::int64_t m_shownScrapes = -1;
};

} // namespace stampede::ui
